#!/usr/bin/env python3
"""The runner's shape from its sources: lines per folder, the folder arrows from `using` lines (and namespace-
qualified names), and the file pairs that import each other (A names a type B declares, and B one A declares).

usage: python3 tests/SoftmaxNotebooks.Runner.Tests/Architecture/runner_shape.py src/SoftmaxNotebooks.Runner

The numbers of issue 21 (before: commit 3cdf1b9, after: the commit that added this script) came from it; the
rules themselves are tested on the semantic model by DependencyTests.cs beside it.
"""
import collections, os, re, sys

root = os.path.abspath(sys.argv[1])
PREFIX = "SoftmaxNotebooks.Runner"

def strip(text):
    # comments, then string and char literals (approximate, enough for names)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"""(?:.|\n)*?"""', '""', text)
    text = re.sub(r'@"(?:[^"]|"")*"', '""', text)
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    text = re.sub(r"'(?:[^'\\\n]|\\.)'", "''", text)
    return text

files = {}
lines = collections.Counter()
other = collections.Counter()
for dirpath, dirnames, filenames in os.walk(root):
    dirnames[:] = [d for d in dirnames if d not in ("bin", "obj", "npm", "node_modules")]
    for f in filenames:
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, root)
        folder = rel.split(os.sep)[0] if os.sep in rel else "(root)"
        if f.endswith(".cs"):
            text = open(path, encoding="utf-8").read()
            files[rel] = text
            lines[folder] += text.count("\n")
        elif not f.endswith((".txt",)) and not rel.startswith("Handouts/licenses"):
            other[folder] += open(path, encoding="utf-8", errors="replace").read().count("\n")

def folder_of_namespace(ns):
    if ns == PREFIX:
        return "(root)"
    return ns[len(PREFIX) + 1:].split(".")[0] if ns.startswith(PREFIX + ".") else None

info = {}
for rel, text in files.items():
    code = strip(text)
    ns = re.search(r"^namespace\s+([\w.]+)\s*;", code, re.M)
    ns = ns.group(1) if ns else ""
    usings = re.findall(r"^using\s+(?:static\s+)?([\w.]+)\s*;", code, re.M)
    body = re.sub(r"^using[^\n]*\n", "", code, flags=re.M)
    # top-level and nested type declarations
    types = set(re.findall(r"\b(?:class|record|struct|interface|enum|delegate\s+[\w<>\[\],. ?]+?)\s+([A-Z]\w*)", body))
    words = set(re.findall(r"\b[A-Z]\w*\b", body))
    qualified = set(re.findall(r"(?:(?<![\w.])|(?<=SoftmaxNotebooks\.Runner\.))(Classroom|Commands|Execution|Export|Handouts|IO|Notebooks|Packaging|Running)\.[A-Z]", body))
    info[rel] = dict(ns=ns, usings=usings, types=types, words=words, qualified=qualified)

own_folder = {rel: (rel.split(os.sep)[0] if os.sep in rel else "(root)") for rel in files}
arrows = collections.defaultdict(set)
for rel, i in info.items():
    src = own_folder[rel]
    for u in i["usings"]:
        dst = folder_of_namespace(u)
        if dst and dst != src:
            arrows[src].add(dst)
    for q in i["qualified"]:
        if q != src and folder_of_namespace(i["ns"]) != q:
            arrows[src].add(q)

declared = collections.defaultdict(set)
for rel, i in info.items():
    for t in i["types"]:
        declared[t].add(rel)

def visible(user, owner):
    ns = info[owner]["ns"]
    ui = info[user]
    return ns == ui["ns"] or ns in ui["usings"] or ui["ns"].startswith(ns + ".") or folder_of_namespace(ns) in ui["qualified"]

uses = collections.defaultdict(set)
for rel, i in info.items():
    for w in i["words"] - i["types"]:
        for owner in declared.get(w, ()):
            if owner != rel and visible(rel, owner):
                uses[rel].add(owner)

cycles = sorted({tuple(sorted((a, b))) for a in list(uses) for b in uses[a] if a in uses.get(b, ())})

print("lines of C# per folder (other files: css/js/targets/json)")
for folder in sorted(set(lines) | set(other)):
    print(f"  {folder:12} {lines[folder]:6}   (+{other[folder]} other)")
print(f"  {'total':12} {sum(lines.values()):6}   (+{sum(other.values())} other), {len(files)} C# files")
print(f"folder arrows ({sum(len(v) for v in arrows.values())}):")
for src in sorted(arrows):
    print(f"  {src:12} -> {', '.join(sorted(arrows[src]))}")
print("folders depending on Commands or the root (Program):",
      sorted(s for s, d in arrows.items() if ("Commands" in d or "(root)" in d) and s not in ("Commands", "(root)")) or "none")
print(f"file pairs that import each other ({len(cycles)}):")
for a, b in cycles:
    print(f"  {a} <-> {b}")

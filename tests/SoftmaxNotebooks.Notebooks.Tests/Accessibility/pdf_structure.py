"""Reads what a PDF offers assistive technology, with pikepdf (Debian's python3-pikepdf), and prints it as JSON:
the outline (bookmarks) with their depth, every structure element of type Figure with its /Alt text, and the
tables with their header cells (TH) and the scope those carry. Role-mapped types are resolved through /RoleMap.

usage: /usr/bin/python3 pdf_structure.py FILE.pdf
"""
import json
import sys

import pikepdf


def outline(pdf):
    entries = []

    def walk(items, depth):
        for item in items:
            entries.append({"depth": depth, "title": str(item.title)})
            walk(item.children, depth + 1)

    with pdf.open_outline() as o:
        walk(o.root, 0)
    return entries


def structure(pdf):
    root = pdf.Root.get("/StructTreeRoot")
    found = {"figures": [], "tables": 0, "th": 0, "th_with_scope": 0, "types": {}}
    if root is None:
        return found, False
    role_map = root.get("/RoleMap", {})

    def kind(element):
        s = element.get("/S")
        name = str(s) if s is not None else ""
        seen = set()
        while name in role_map and name not in seen:
            seen.add(name)
            name = str(role_map[name])
        return name

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return
        s = kind(node)
        found["types"][s] = found["types"].get(s, 0) + 1
        if s == "/Figure":
            alt = node.get("/Alt")
            found["figures"].append(str(alt) if alt is not None else None)
        elif s == "/Table":
            found["tables"] += 1
        elif s == "/TH":
            found["th"] += 1
            attributes = node.get("/A")
            items = attributes if isinstance(attributes, pikepdf.Array) else [attributes] if attributes is not None else []
            if any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in items):
                found["th_with_scope"] += 1
        kids = node.get("/K")
        if kids is not None:
            walk(kids)

    walk(root.get("/K"))
    return found, True


def main(path):
    with pikepdf.open(path) as pdf:
        found, tagged = structure(pdf)
        print(json.dumps({
            "file": path,
            "pages": len(pdf.pages),
            "tagged": tagged,
            "outline": outline(pdf),
            "figures": found["figures"],
            "tables": found["tables"],
            "th": found["th"],
            "th_with_scope": found["th_with_scope"],
            "types": found["types"],
        }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])

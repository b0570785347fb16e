#!/usr/bin/env python3
"""Grading throughput: a class of N honest submissions of a lecture notebook graded with and without the sandbox.

Not a test (timings depend on the machine): run it by hand on a quiet machine and record the numbers in the README.

    python3 tests/SoftmaxNotebooks.Benchmarks/Grading/throughput.py [--students 8] [--parallel 1 2] [--repeat 2] \
        [--notebook notebooks/06-numerical-stability.dib] [--runner path/to/SoftmaxNotebooks.Runner.dll] [--before]

Half the class hands in the solutions (the instructor edition: every check passes), half the scaffolds (the student
edition: every check fails), as .dib files made by the same rule as the runner's editions (task cells out for the
solutions, solution cells out for the scaffolds). Each configuration grades the whole class with the real `grade`
command; the script reports the wall time, the CPU time of the grader and everything it started, the cost per
submission (kernel start, kit load, the graded cells, from the grader's per-submission lines) and the time a class of
300 would take on this machine at that parallelism.
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
GRADED = re.compile(r"^graded (?P<student>\S+): (?P<passed>\d+)/(?P<total>\d+) passed \((?P<total_s>[0-9.]+) s(: kernel start (?P<start>[0-9.]+) s, kit (?P<kit>[0-9.]+) s, cells (?P<cells>[0-9.]+) s)?\)")


def cells(path):
    """The .dib file as (header, [(kernel line, body)])."""
    text = open(path, encoding="utf-8").read()
    parts = re.split(r"^(#!(?:csharp|markdown|fsharp|html|value|mermaid|pwsh)\s*)$", text, flags=re.M)
    return parts[0], [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]


def edition(path, drop):
    header, body = cells(path)
    kept = [(k, b) for k, b in body if not re.match(r"\s*(//|<!--)\s*exercise\s+[\w.]+:\s*" + drop + r"\b", b.lstrip("\n"), flags=re.I)]
    return header + "".join(k + b for k, b in kept)


CPUACCT = "/sys/fs/cgroup/cpuacct"


def grade(runner, notebook, submissions, output, parallel, sandbox, before):
    command = ["dotnet", runner, "grade", submissions, "--notebook", notebook, "--output", output, "--parallel", str(parallel)]
    if not sandbox and not before:
        command.append("--no-sandbox-i-trust-these-submissions")
    # The CPU of the grader and of every process under it, kernels killed at the end included: a cgroup v1 cpuacct
    # group as root (getrusage misses a process whose parent was killed before it could reap it, as bwrap's are).
    group = None
    if os.geteuid() == 0 and os.path.isdir(CPUACCT):
        group = os.path.join(CPUACCT, f"softmax-throughput-{os.getpid()}")
        os.makedirs(group, exist_ok=True)
        command = ["/bin/sh", "-c", f'echo $$ > {group}/cgroup.procs && exec "$@"', "grade"] + command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"grade failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    rows = [m.groupdict() for m in map(GRADED.match, result.stdout.splitlines()) if m]
    if group:
        # Killed kernels may take a moment to leave the group.
        for _ in range(200):
            if not open(os.path.join(group, "cgroup.procs")).read().strip():
                break
            time.sleep(0.05)
        cpu = int(open(os.path.join(group, "cpuacct.usage")).read()) / 1e9
        os.rmdir(group)
    else:
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--parallel", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--notebook", default=os.path.join(ROOT, "notebooks", "06-numerical-stability.dib"))
    parser.add_argument("--repeat", type=int, default=1, help="grade each configuration this many times and keep the fastest (a shared machine is noisy)")
    parser.add_argument("--before", action="store_true", help="the runner predates the sandbox: grade without it and without the flag")
    parser.add_argument("--runner", default=os.path.join(ROOT, "src", "SoftmaxNotebooks.Runner", "bin", "Release", "net10.0", "SoftmaxNotebooks.Runner.dll"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="softmax-throughput-")
    try:
        submissions = os.path.join(work, "class")
        os.makedirs(submissions)
        solutions, scaffolds = edition(args.notebook, "task"), edition(args.notebook, "solution")
        for i in range(args.students):
            with open(os.path.join(submissions, f"student{i:03d}.dib"), "w", encoding="utf-8") as f:
                f.write(solutions if i % 2 == 0 else scaffolds)
        print(f"{args.students} submissions of {os.path.relpath(args.notebook, ROOT)} on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
        print("| sandbox | parallel | wall | CPU | per submission: kernel start | kit | cells | whole | 300 students |")
        print("|---|---|---|---|---|---|---|---|---|")
        for parallel in args.parallel:
            for sandbox in (False,) if args.before else (False, True):
                wall, cpu, rows = min((grade(args.runner, args.notebook, submissions, os.path.join(work, "grades"), parallel, sandbox, args.before)
                                       for _ in range(args.repeat)), key=lambda run: run[0])
                if len(rows) != args.students:
                    sys.exit(f"expected {args.students} graded lines, read {len(rows)}")
                # A runner from before the cost breakdown prints the whole time alone.
                median = lambda key: "—" if rows[0][key] is None else f"{statistics.median(float(r[key]) for r in rows):.1f} s"
                print(f"| {'before' if args.before else 'on' if sandbox else 'off'} | {parallel} | {wall:.1f} s | {cpu:.1f} s | {median('start')} | {median('kit')} | "
                      f"{median('cells')} | {median('total_s')} | {300 * wall / args.students / 60:.0f} min |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

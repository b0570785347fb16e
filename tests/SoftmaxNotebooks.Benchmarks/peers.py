#!/usr/bin/env python3
"""Same-run timings of the kit's peers for issue 15: numpy, scipy.special and torch (CPU, 1 and N threads).

Each peer computes log-sum-exp, softmax and log-softmax of the same float64 vector (logits uniform in [-8, 8],
seeded, as tests/SoftmaxNotebooks.Benchmarks/Inputs.cs draws them), plus exp (numpy.exp, torch.exp into a
preallocated output: the counterpart of TensorPrimitives.Exp). Cases are interleaved: every round runs every case
once, in the same order, and the reported time is the median over the rounds, so a slow spell of a shared machine
touches all cases alike. A peer that is not installed is skipped with a printed note; nothing is measured for it.

    python3 peers.py                              # 10^6 and 10^7, 31 rounds, torch on 1 and os.cpu_count() threads
    python3 peers.py --sizes 1000000 --rounds 11 --threads 1,16 --json out.json

The kit's own numbers come from the BenchmarkDotNet run (Program.cs --quick); device/run.sh runs both.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import statistics
import sys
import time
from typing import Callable


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000,10000000", help="comma-separated vector lengths")
    parser.add_argument("--rounds", type=int, default=31, help="interleaved rounds; the median is reported")
    parser.add_argument("--threads", default=f"1,{os.cpu_count() or 1}",
                        help="torch thread counts, comma-separated (default: 1 and every logical processor)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.threads = sorted({int(t) for t in args.threads.split(",") if t})
    if args.rounds < 1 or not args.sizes or any(n < 1 for n in args.sizes) or any(t < 1 for t in args.threads):
        parser.error("rounds, sizes and thread counts must be positive")
    return args


def optional(name: str):
    """The module, or None with a note: a missing peer is reported, never an error."""
    try:
        return importlib.import_module(name)
    except Exception as error:  # ImportError, or a broken binary wheel raising something else
        print(f"note: {name} is not available ({type(error).__name__}: {error}); its cases are skipped", flush=True)
        return None


def version(module) -> str:
    return getattr(module, "__version__", "?") if module is not None else "missing"


Case = tuple[str, str, int, Callable[[], object]]  # (peer, function, threads, call)


def cases_for(n: int, seed: int, threads: list[int], np, special, torch) -> tuple[list[Case], dict]:
    cases: list[Case] = []
    values: dict[str, float] = {}
    if np is None:
        return cases, values
    rng = np.random.default_rng(seed)
    z = rng.uniform(-8.0, 8.0, n)
    out = np.empty_like(z)

    def numpy_lse():
        a = z.max()
        np.subtract(z, a, out=out)  # into the preallocated buffer, as the softmax and the kit's baselines do
        np.exp(out, out=out)
        return a + math.log(out.sum())

    def numpy_softmax():
        np.subtract(z, z.max(), out=out)
        np.exp(out, out=out)
        np.divide(out, out.sum(), out=out)

    cases += [
        ("numpy", "exp", 1, lambda: np.exp(z, out=out)),
        ("numpy", "logsumexp (max, exp, sum, log)", 1, numpy_lse),
        ("numpy", "softmax (max, subtract, exp, sum, divide)", 1, numpy_softmax),
    ]
    values["numpy logsumexp"] = float(numpy_lse())
    if special is not None:
        cases += [
            ("scipy.special", "logsumexp", 1, lambda: special.logsumexp(z)),
            ("scipy.special", "softmax", 1, lambda: special.softmax(z)),
        ]
        if hasattr(special, "log_softmax"):
            cases.append(("scipy.special", "log_softmax", 1, lambda: special.log_softmax(z)))
        values["scipy logsumexp"] = float(special.logsumexp(z))
    if torch is not None:
        t = torch.from_numpy(z)
        t_out = torch.empty_like(t)
        for k in threads:
            # Bound per case: torch's thread count is global, so each call sets it first (a cheap call).
            def with_threads(f, k=k):
                def call():
                    torch.set_num_threads(k)
                    return f()
                return call
            cases += [
                ("torch", "exp", k, with_threads(lambda: torch.exp(t, out=t_out))),
                ("torch", "logsumexp", k, with_threads(lambda: torch.logsumexp(t, 0))),
                ("torch", "softmax", k, with_threads(lambda: torch.softmax(t, 0))),
                ("torch", "log_softmax", k, with_threads(lambda: torch.log_softmax(t, 0))),
            ]
        values["torch logsumexp"] = float(torch.logsumexp(t, 0))
    return cases, values


def measure(cases: list[Case], rounds: int) -> list[float]:
    for _, _, _, call in cases:  # warm-up: first-touch of outputs, thread pools, lazy initialisation
        call()
        call()
    samples: list[list[float]] = [[] for _ in cases]
    for _ in range(rounds):
        for i, (_, _, _, call) in enumerate(cases):
            start = time.perf_counter_ns()
            call()
            samples[i].append((time.perf_counter_ns() - start) / 1e6)
    return [statistics.median(s) for s in samples]


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    np = optional("numpy")
    special = optional("scipy.special") if np is not None else None
    scipy = sys.modules.get("scipy")
    torch = optional("torch") if np is not None else None
    if np is None:
        print("note: numpy is required by every peer (the inputs are numpy arrays); nothing was measured")
    header = (f"peers.py {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC; {cpu_model()}; "
              f"{os.cpu_count()} logical processors; python {platform.python_version()}, numpy {version(np)}, "
              f"scipy {version(scipy)}, torch {version(torch)}; float64, logits uniform in [-8, 8]; "
              f"median of {args.rounds} interleaved rounds")
    print(header)
    results = []
    for n in args.sizes:
        cases, values = cases_for(n, args.seed, args.threads, np, special, torch)
        if not cases:
            continue
        medians = measure(cases, args.rounds)
        print(f"\n| n = {n:,} | peer | threads | median ms |\n|---|---|---:|---:|")
        for (peer, function, threads, _), ms in zip(cases, medians):
            print(f"| {function} | {peer} | {threads} | {ms:.3f} |")
            results.append({"n": n, "peer": peer, "function": function, "threads": threads, "median_ms": ms})
        for name, value in values.items():
            print(f"{name} = {value!r}")
    if args.json:
        with open(args.json + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"header": header, "results": results}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)  # never leave a half-written file under the final name
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Writes the high-precision reference values the notebooks check against to data/references/*.csv.

Every input is a double given by its repr() (the shortest text that reads back as the same double), and every value
is computed by mpmath at 60 significant digits from that exact double, then written with 25 significant digits, so
C#'s double.Parse (invariant culture, correctly rounded) recovers the double nearest to the exact value.

Run: python3 data/scripts/mpmath_references.py   (needs mpmath; rewrites the files below)
"""
from pathlib import Path

import mpmath as mp

mp.mp.dps = 60
OUT = Path(__file__).resolve().parent.parent / "references"


def text(x) -> str:
    return mp.nstr(x, 25, strip_zeros=False, min_fixed=0, max_fixed=1)


def write(name: str, header: str, rows) -> None:
    lines = [header] + [",".join(row) for row in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def log1p_rows():
    # Notebook 6 section 3: where log(1 + s) fails, and the arguments of both branches of a series cut-off at 1e-4.
    inputs = [1e-300, 1e-20, 1e-16, 1.1102230246251565e-16, 1.5e-16, 2e-16, 1e-13, 1e-10, 3e-8, 1e-5,
              9.9e-05, 0.0001, 0.00010001, 0.001, 0.1, 0.5, 1.0, 2.0, 10.0, 1e10,
              -1e-10, -1e-5, -0.5, -0.9]
    for s in inputs:
        yield [repr(s), text(mp.log1p(mp.mpf(s)))]


def dice_rows():
    # Notebook 4 section 2 and notebook 7: Jaynes' Brandeis dice, faces 1..6 with mean 4.5. The mean
    # sum k e^(-beta k) / sum e^(-beta k) decreases in beta, so findroot from Jaynes' -0.37 converges to the only root.
    faces = [mp.mpf(k) for k in range(1, 7)]

    def mean(beta):
        w = [mp.e ** (-beta * k) for k in faces]
        return mp.fsum(wk * k for wk, k in zip(w, faces)) / mp.fsum(w)

    beta = mp.findroot(lambda b: mean(b) - mp.mpf("4.5"), mp.mpf("-0.37"))
    w = [mp.e ** (-beta * k) for k in faces]
    z = mp.fsum(w)
    p = [wk / z for wk in w]
    entropy = -mp.fsum(pk * mp.log(pk) for pk in p)
    yield ["beta", text(beta)]
    yield ["log_z", text(mp.log(z))]
    yield ["entropy", text(entropy)]
    for k, pk in enumerate(p, start=1):
        yield [f"p{k}", text(pk)]


def lse_rows():
    # Notebook 7: log-sum-exp at inputs whose condition number kappa = sum s_i |x_i| / |LSE(x)| is small or large.
    vectors = [[1.0, 2.0, 3.0, 2.5], [-0.7, -0.7], [-0.69, -0.69], [0.0, -50.0], [1000.0, 999.0, -1000.0]]
    for x in vectors:
        xs = [mp.mpf(v) for v in x]
        lse = mp.log(mp.fsum(mp.e ** v for v in xs))
        s = [mp.e ** (v - lse) for v in xs]
        kappa = mp.fsum(si * abs(v) for si, v in zip(s, xs)) / abs(lse)
        yield [" ".join(repr(v) for v in x), text(lse), text(kappa)]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    write("log1p.csv", "s,log1p", log1p_rows())
    write("dice.csv", "quantity,value", dice_rows())
    write("lse.csv", "x,lse,kappa", lse_rows())


if __name__ == "__main__":
    main()

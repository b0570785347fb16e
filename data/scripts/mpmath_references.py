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


def dice_beta():
    # Jaynes' Brandeis dice, faces 1..6 with mean 4.5. The mean sum k e^(-beta k) / sum e^(-beta k) decreases in
    # beta, so findroot from Jaynes' -0.37 converges to the only root.
    faces = [mp.mpf(k) for k in range(1, 7)]

    def mean(beta):
        w = [mp.e ** (-beta * k) for k in faces]
        return mp.fsum(wk * k for wk, k in zip(w, faces)) / mp.fsum(w)

    return mp.findroot(lambda b: mean(b) - mp.mpf("4.5"), mp.mpf("-0.37"))


def dice_gibbs():
    # beta*, Z and p_k = e^(-beta* k) / Z for Jaynes' dice.
    beta = dice_beta()
    w = [mp.e ** (-beta * k) for k in range(1, 7)]
    z = mp.fsum(w)
    return beta, z, [wk / z for wk in w]


def dice_rows():
    # Notebook 4 section 2 and notebook 7: Jaynes' dice at mean 4.5.
    beta, z, p = dice_gibbs()
    entropy = -mp.fsum(pk * mp.log(pk) for pk in p)
    yield ["beta", text(beta)]
    yield ["log_z", text(mp.log(z))]
    yield ["entropy", text(entropy)]
    for k, pk in enumerate(p, start=1):
        yield [f"p{k}", text(pk)]


def dual_rows():
    # Notebook 7 section 1: at Jaynes' beta*, the loss's derivative in beta vanishes for every data set with mean 4.5,
    # but its gradient in the logits, softmax(-beta* E) - p, does not. The two data sets of the notebook.
    _, _, s = dice_gibbs()
    twelfth, quarter = mp.mpf(1) / 12, mp.mpf(1) / 4
    data = {
        "mixture": [twelfth] * 4 + [twelfth + quarter] * 2,  # half the fair die, half a die showing only 5 and 6
        "four_and_five": [0, 0, 0, mp.mpf(1) / 2, mp.mpf(1) / 2, 0],
    }
    for name, p in data.items():
        gradient = [si - pi for si, pi in zip(s, p)]
        yield [f"gradient_norm_{name}", text(mp.sqrt(mp.fsum(g * g for g in gradient)))]


def family_rows():
    # Notebook 7 section 2: faces 1..6 with <k> = 4.5 and <k^2> = 22. p_k = exp(-l1 k - l2 k^2) / Z; Newton from
    # (0, 0) on the two moment equations (the dual is strictly convex, so the root is the only one).
    faces = [mp.mpf(k) for k in range(1, 7)]

    def moments(l1, l2):
        w = [mp.e ** (-l1 * k - l2 * k * k) for k in faces]
        z = mp.fsum(w)
        return [mp.fsum(wk * k for wk, k in zip(w, faces)) / z, mp.fsum(wk * k * k for wk, k in zip(w, faces)) / z]

    l1, l2 = mp.findroot(lambda a, b: [m - t for m, t in zip(moments(a, b), [mp.mpf("4.5"), mp.mpf(22)])],
                         (mp.mpf(0), mp.mpf(0)))
    w = [mp.e ** (-l1 * k - l2 * k * k) for k in faces]
    z = mp.fsum(w)
    p = [wk / z for wk in w]
    yield ["lambda1", text(l1)]
    yield ["lambda2", text(l2)]
    yield ["log_z", text(mp.log(z))]
    yield ["entropy", text(-mp.fsum(pk * mp.log(pk) for pk in p))]
    for k, pk in enumerate(p, start=1):
        yield [f"p{k}", text(pk)]


def softmax_entropy_rows():
    # Notebook 9 section 2: the entropy of softmax(z/T) for z = (1, 2, 3, 2.5), from near 0 to near log 4.
    z = [mp.mpf(v) for v in (1.0, 2.0, 3.0, 2.5)]
    for t in (0.01, 0.1, 0.5, 1.0, 10.0, 100.0):
        scaled = [v / mp.mpf(t) for v in z]
        lse = mp.log(mp.fsum(mp.e ** v for v in scaled))
        p = [mp.e ** (v - lse) for v in scaled]
        yield [repr(t), text(-mp.fsum(pk * mp.log(pk) for pk in p))]


def lse_rows():
    # Notebook 7 section 5: log-sum-exp at inputs whose condition number kappa = sum s_i |x_i| / |LSE(x)| is small or large.
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
    write("dual.csv", "quantity,value", dual_rows())
    write("family.csv", "quantity,value", family_rows())
    write("softmax-entropy.csv", "temperature,entropy", softmax_entropy_rows())


if __name__ == "__main__":
    main()

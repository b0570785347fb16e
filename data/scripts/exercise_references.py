#!/usr/bin/env python3
"""Writes the high-precision values the notebooks' exercise checks compare with to data/references/exercises.csv.

Same rules as mpmath_references.py: every input is a double given by its repr(), every value is computed by mpmath
at 60 significant digits from that exact double and written with 25 significant digits, so C#'s double.Parse
recovers the double nearest to the exact value. A grading run executes a submission in a copy of its folder, where
data/ is out of reach, so each check cell carries the values it needs as literals; the test
ExerciseSetTests.EveryMpmathValueIsInItsExercisesChecksAndEveryLongLiteralIsAnMpmathValue checks that every row
below appears, as the same double, in its exercise's check cells, and that every long literal in a check is a row.

Run: python3 data/scripts/exercise_references.py   (needs mpmath; rewrites the file below)
"""
from pathlib import Path

import mpmath as mp

mp.mp.dps = 60
OUT = Path(__file__).resolve().parent.parent / "references" / "exercises.csv"


def text(x) -> str:
    return mp.nstr(x, 25, strip_zeros=False, min_fixed=0, max_fixed=1)


def lse(xs):
    return mp.log(mp.fsum(mp.e ** mp.mpf(x) for x in xs))


def vector(xs) -> str:
    return " ".join(repr(float(x)) for x in xs)


def rows():
    # 1.1: LSE where log(sum(exp)) is fine, overflows, underflows, and where a shift by the minimum overflows.
    for z in ([2.0, 5.0, 1.0], [800.0, 805.0, 799.0], [-800.0, -805.0, -799.0], [-1000.0, 0.0, 5.0]):
        yield ["1.1", f"LSE({vector(z)})", text(lse(z))]

    # 2.4: the logistic function's derivative sigma'(x) = e^-x / (1 + e^-x)^2, even in x, where 1 - sigma(x) cancels.
    for x in (20.0, 40.0, 700.0):
        e = mp.e ** (-mp.mpf(x))
        yield ["2.4", f"sigma'({repr(x)})", text(e / (1 + e) ** 2)]

    # 4.2: the maximal entropy S(mean) of a die, min over beta of beta*mean + log Z(beta); the mean decreases in beta, so
    # findroot from 0 converges to the only root. S(7 - mean) = S(mean) by the symmetry k -> 7 - k.
    faces = [mp.mpf(k) for k in range(1, 7)]
    for mean in ("2.0", "4.5", "5.5"):
        target = mp.mpf(mean)

        def moment(b):
            w = [mp.e ** (-b * k) for k in faces]
            return mp.fsum(wk * k for wk, k in zip(w, faces)) / mp.fsum(w)

        beta = mp.findroot(lambda b: moment(b) - target, mp.mpf(0))
        log_z = mp.log(mp.fsum(mp.e ** (-beta * k) for k in faces))
        yield ["4.2", f"S({mean})", text(beta * target + log_z)]
        if mean == "4.5":
            # The slope dS/dmean = beta.
            yield ["4.2", f"beta({mean})", text(beta)]
        if mean == "5.5":
            # 4.5's die at negative temperature (a hidden check: the answer itself).
            yield ["4.5", f"beta({mean})", text(beta)]

    # 6.2: log1p on both sides of a series cut-off at 1e-4, and from 1e-20 to 1e6.
    # The last five are for the hidden check.
    for s in (1e-20, 3e-17, 1e-10, 9.9e-05, 0.0001, 0.00010001, 0.001, 0.25, 3.0, 1e6,
              5e-17, 2.220446049250313e-16, 7.5e-05, 0.5, 1e300):
        yield ["6.2", f"log1p({repr(s)})", text(mp.log1p(mp.mpf(s)))]

    # 6.3: 1 - softmax(z)_top, the probability of every class but the most likely one.
    for z in ([40.0, 0.0, 0.0], [-3.0, 50.0, 49.5, 10.0], [1.0, 2.0, 3.0, 2.5], [-700.0, -740.0, -745.0]):
        zs = [mp.mpf(v) for v in z]
        top = max(zs)
        rest = mp.fsum(mp.e ** (v - top) for i, v in enumerate(zs) if i != zs.index(top))
        yield ["6.3", f"1 - softmax({vector(z)})_top", text(rest / (1 + rest))]

    # 9.1: the Schottky peak of two levels 0 and 1: C = x^2 e^x / (1 + e^x)^2 with x = 1/T is largest where
    # x tanh(x/2) = 2; findroot from 2.4 converges to the only positive root (a hidden check: the answer itself).
    x = mp.findroot(lambda x: x * mp.tanh(x / 2) - 2, mp.mpf("2.4"))
    yield ["9.1", "T of the largest C", text(1 / x)]


def main() -> None:
    lines = ["exercise,quantity,value"] + [",".join(row) for row in rows()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

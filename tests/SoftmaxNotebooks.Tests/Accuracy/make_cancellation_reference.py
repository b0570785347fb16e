# Reference values for the kit's results that cancel where one probability is close to 1 (CancellationReferenceTests):
# the softmax Jacobian-vector product J·v = (1/T)·s ⊙ (v − ⟨s, v⟩), the cross-entropy gradient (Σp)·s − p at the
# largest logit, and the entropy of a near-one-hot softmax distribution.
#
# Re-run from the repository root with a python3 that has mpmath (any 1.x):
#     python3 tests/SoftmaxNotebooks.Tests/Accuracy/make_cancellation_reference.py
# It rewrites tests/SoftmaxNotebooks.Tests/Accuracy/cancellation-reference.json byte for byte (fixed seed, no clock);
# --check regenerates in memory and compares with the committed file instead. The conventions are those of
# make_reference.py (whose Core class computes the softmax here): inputs are repr() strings of doubles, outputs
# 25-digit decimals from mp.dps = 60 with every z_i − a formed exactly.
#
# No reference is computed by a formula that cancels: J·v_i is Σ_j s_j·(v_i − v_j) (each difference exact), the
# gradient at the pivot is (Σ_{j≠k} p_j) − (Σp)·tail/total (Core.cross_entropy), and the entropy is
# −Σ s_i·log-softmax_i with log-softmax from log1p of the tail.

import json
import os
import random
import sys
from fractions import Fraction

import mpmath
from mpmath import mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_reference import Core, dumps, fmt_in, fmt_ref, publish  # noqa: E402  (also sets mp.dps = 60)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cancellation-reference.json")
SEED = 20261207
TS = [0.0, 2.0, 5.0, 10.0, 20.0, 30.0, 40.0, 100.0, 700.0]


def softmax_double(z):
    """The notebook's residual s − y is formed from a softmax written out in double; any rounding of it is fine
    here, because the rounded vector is the stored input."""
    m = max(z)
    e = [mpmath.exp(mpf(x) - m) for x in z]
    total = mpmath.fsum(e)
    return [float(x / total) for x in e]


def exact_exponents(z, temperature):
    """Whether every (z_i − a)/T is a double: then the softmax's only roundings are its exp, sum and division, and
    the tests hold the results to a few ε outright."""
    a = Fraction(max(z))
    t = Fraction(1.0 if temperature is None else temperature)
    return all(Fraction(float(q)) == q for q in ((Fraction(x) - a) / t for x in z))


def jvp_case(name, z, v, temperature=None):
    core = Core(z, temperature)
    s = core.soft
    t = mpf(1) if temperature is None else mpf(temperature)
    jv = []
    for i in range(len(z)):
        x = mpmath.fsum(s[j] * (mpf(v[i]) - mpf(v[j])) for j in range(len(z)) if j != i)
        jv.append(s[i] * x / t)
    case = {"name": name, "z": [fmt_in(x) for x in z], "v": [fmt_in(x) for x in v]}
    if temperature is not None:
        case["temperature"] = fmt_in(temperature)
    case["exactExponents"] = exact_exponents(z, temperature)
    case["jv"] = [fmt_ref(x) for x in jv]
    return case


def gradient_case(name, z, p=None, label=None, smoothing=None):
    core = Core(z)
    n = len(z)
    if p is not None:
        target = [mpf(x) for x in p]
    else:
        eps = mpf(0) if smoothing is None else mpf(smoothing)
        target = [eps / n + ((1 - eps) if i == label else 0) for i in range(n)]
    _, grad = core.cross_entropy(target)
    case = {"name": name, "z": [fmt_in(x) for x in z]}
    if p is not None:
        case["p"] = [fmt_in(x) for x in p]
    else:
        case["label"] = label
        if smoothing is not None:
            case["labelSmoothing"] = fmt_in(smoothing)
    case["exactExponents"] = exact_exponents(z, None)
    case["gradient"] = [fmt_ref(x) for x in grad]
    return case


def entropy_case(name, z, temperature):
    core = Core(z, temperature)
    h = mpmath.fsum(-core.soft[i] * core.logsoft[i] for i in range(len(z)))
    return {"name": name, "z": [fmt_in(x) for x in z], "temperature": fmt_in(temperature),
            "exactExponents": exact_exponents(z, temperature), "entropy": fmt_ref(h)}


def build():
    rng = random.Random(SEED)
    jvp, gradient, entropy = [], [], []
    for t in TS:
        z = [t, 0.0, 0.0]
        wrong = [0.0, 1.0, 0.0]
        residual = [si - yi for si, yi in zip(softmax_double(z), wrong)]
        jvp.append(jvp_case(f"t={t:g}/s-y", z, residual))
        jvp.append(jvp_case(f"t={t:g}/mixed", z, [0.25, -1.5, 3.0]))
        jvp.append(jvp_case(f"t={t:g}/offset", z, [1000.0, 1001.0, 998.0]))
        jvp.append(jvp_case(f"t={t:g}/pivot-last", [0.0, -1.0, t], [0.5, -2.0, 1.0]))
        gradient.append(gradient_case(f"t={t:g}/right-label", z, label=0))
        gradient.append(gradient_case(f"t={t:g}/right-label-smoothed", z, label=0, smoothing=0.1))
        gradient.append(gradient_case(f"t={t:g}/wrong-label", z, label=1))
        gradient.append(gradient_case(f"t={t:g}/one-hot-p", z, p=[1.0, 0.0, 0.0]))
        gradient.append(gradient_case(f"t={t:g}/unnormalized-p", z, p=[2.0, 0.0, 0.0]))
        gradient.append(gradient_case(f"t={t:g}/pivot-middle", [0.0, t, -3.0], label=1))
        entropy.append(entropy_case(f"t={t:g}", z, 1.0))
    for t in [20.0, 40.0]:
        for temperature in [0.5, 4.0]:
            jvp.append(jvp_case(f"t={t:g}/T={temperature:g}/s-y", [t, 0.0, 0.0],
                                [si - yi for si, yi in zip(softmax_double([t / temperature, 0.0, 0.0]), [0.0, 1.0, 0.0])],
                                temperature))
    z = [50.0] + [rng.uniform(-3, 3) for _ in range(19)]
    jvp.append(jvp_case("n=20/dominant", z, [rng.uniform(-1, 1) for _ in range(20)]))
    gradient.append(gradient_case("n=20/dominant/right-label", z, label=0))
    gradient.append(gradient_case("n=20/dominant/target", z, p=[0.9] + [0.1 / 19] * 19))
    # Notebook 09's logits: at T = 0.01 the largest probability is 1 − 1.9e−22; 2⁻⁷ divides without rounding.
    for temperature in [0.005, 0.0078125, 0.01, 0.02, 0.1, 1.0, 100.0]:
        entropy.append(entropy_case(f"z09/T={temperature:g}", [1.0, 2.0, 3.0, 2.5], temperature))
    return {"about": "Reference values for SoftmaxNotebooks' cancellation tests; generated by "
                     "make_cancellation_reference.py (mpmath 1.x, mp.dps = 60).",
            "jvp": jvp, "gradient": gradient, "entropy": entropy}


def main():
    publish(OUT, dumps(build()))


if __name__ == "__main__":
    main()

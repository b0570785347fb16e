# Reference values for the accuracy tests of SoftmaxNotebooks (issue 3, "Accuracy").
#
# Re-run from the repository root with a python3 that has mpmath (any 1.x):
#     python3 tests/SoftmaxNotebooks.Tests/Accuracy/make_reference.py
# It rewrites tests/SoftmaxNotebooks.Tests/Accuracy/reference-values.json byte for byte (fixed seed, no clock,
# no platform-dependent floating point: inputs come from Python's Mersenne Twister and exact rounding).
# Pass --check to regenerate in memory and compare with the committed file instead of writing it.
#
# Conventions of the data file (the C# tests rely on them):
# - Inputs (z, p, weights, temperature) are stored as Python repr() strings, the shortest decimal that parses back
#   to the same double; "-Infinity" marks a masked logit. Float cases hold values exactly representable in
#   binary32, so parsing the string as a double and narrowing to float is exact.
# - Reference outputs are decimal strings with 28 significant digits computed at mp.dps = 60 from the exact
#   binary inputs. Magnitudes below 1e-400 are written as "0": both formats round them to 0 and the tests allow
#   an absolute error up to the smallest normal number there. Outputs beyond the double range are written in
#   full and parse to an infinity, which the tests then require exactly.
# - Every difference z_i - a is formed exactly (mpmath exact subtraction) before exp/log, so references for
#   logits near 1e300 do not lose the digits that the kit is asked to get right.

import json
import math
import os
import random
import struct
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 60
DIGITS = 25
SEED = 20260503
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference-values.json")
NEG_INF = float("-inf")


def to_f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def is_f32(x):
    return math.isinf(x) or to_f32(x) == x


def fmt_in(x):
    if x == NEG_INF:
        return "-Infinity"
    if math.isinf(x) or math.isnan(x):
        raise ValueError("only finite inputs or -inf masks belong in the data")
    return repr(float(x))


def fmt_ref(x):
    if x == mpmath.inf:
        return "Infinity"
    if x == -mpmath.inf:
        return "-Infinity"
    if x == 0 or abs(x) < mpf("1e-400"):
        return "0"
    return mpmath.nstr(x, DIGITS, min_fixed=1, max_fixed=0, strip_zeros=False)


def exact_diff(x, a):
    return mpmath.fsub(mpf(x), mpf(a), exact=True)


class Core:
    """LSE, softmax and log-softmax of z (tempered or weighted) at mp precision.

    Masked entries (z = -inf or weight 0) get softmax 0 and log-softmax -inf. The sum is split as in the kit:
    the pivot term (first maximum) plus the tail, and log(total) = log(pivot term) + log1p(tail / pivot term);
    at 60 digits a plain log(1 + 1e-274) would round to 0 and lose the whole answer near the maximum.
    """

    def __init__(self, z, temperature=None, weights=None):
        n = len(z)
        live = [i for i in range(n) if z[i] != NEG_INF and (weights is None or weights[i] > 0)]
        a = max(z[i] for i in live)
        self.pivot = next(i for i in live if z[i] == a)
        t = mpf(1) if temperature is None else mpf(temperature)
        w = [mpf(1) if weights is None else mpf(weights[i]) for i in range(n)]
        d = [None] * n
        terms = [None] * n
        for i in live:
            d[i] = exact_diff(z[i], a) / t
            terms[i] = w[i] * mpmath.exp(d[i])
        head = terms[self.pivot]
        tail = mpmath.fsum(terms[i] for i in live if i != self.pivot)
        total = head + tail
        log_total = mpmath.log(head) + mpmath.log1p(tail / head)
        self.tail_share = tail / total
        self.lse = mpf(a) + t * log_total
        self.soft = [mpf(0)] * n
        self.logsoft = [-mpmath.inf] * n
        for i in live:
            self.soft[i] = terms[i] / total
            self.logsoft[i] = d[i] + mpmath.log(w[i]) - log_total

    def cross_entropy(self, p):
        """h = sum p_i (-log-softmax_i) and its gradient (sum p) softmax - p, for an exact (mpf) target p.

        At the pivot, (sum p) s_k - p_k is rewritten as (sum_{j != k} p_j) - (sum p) tail/total: with s_k = 1 - 1e-274
        the direct form cancels to 0 at 60 digits.
        """
        total_p = mpmath.fsum(p)
        h = mpmath.fsum(-p[i] * self.logsoft[i] for i in range(len(p)) if p[i] > 0)
        grad = [total_p * self.soft[i] - p[i] for i in range(len(p))]
        k = self.pivot
        grad[k] = mpmath.fsum(p[j] for j in range(len(p)) if j != k) - total_p * self.tail_share
        return h, grad


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self, lo, hi):
        return self.r.uniform(lo, hi)

    def logu(self, lo, hi):
        return math.exp(self.r.uniform(math.log(lo), math.log(hi)))

    def sign(self):
        return -1.0 if self.r.random() < 0.5 else 1.0


def ulp(x, single):
    if single:
        bits = struct.unpack("<I", struct.pack("<f", abs(x)))[0]
        return struct.unpack("<f", struct.pack("<I", bits + 1))[0] - abs(x)
    return math.ulp(x)


def make_vector(g, n, shape, scale, single):
    rnd = to_f32 if single else float
    if shape == "spread":
        z = [scale * g.u(-1, 1) for _ in range(n)]
    elif shape == "cluster":
        base = scale * g.u(-1, 1)
        z = [base - g.u(0, 8) for _ in range(n)]
    elif shape == "ulps":
        base = rnd(scale * g.u(-1, 1))
        step = ulp(base, single)
        z = [base - g.r.randint(0, 1000) * step for _ in range(n)]
    elif shape == "ties":
        values = [scale * g.u(-1, 1) for _ in range(3)]
        z = [values[g.r.randrange(3)] for _ in range(n)]
        top = max(values)
        z[g.r.randrange(n)] = top
        z[g.r.randrange(n)] = top
    elif shape == "wide":
        z = [g.sign() * g.logu(1e-12, scale) if scale > 1e-12 else g.sign() * scale for _ in range(n)]
    elif shape == "masked":
        z = [scale * g.u(-1, 1) if g.r.random() < 0.7 else NEG_INF for _ in range(n)]
        if all(x == NEG_INF for x in z):
            z[g.r.randrange(n)] = scale * g.u(-1, 1)
    else:
        raise ValueError(shape)
    return [x if x == NEG_INF else rnd(x) for x in z]


def make_target(g, z, kind):
    n = len(z)
    finite = [i for i in range(n) if z[i] != NEG_INF]
    if kind == "onehot":
        p = [0.0] * n
        p[g.r.choice(finite)] = 1.0
        return p
    p = [0.0 if z[i] == NEG_INF else g.u(0, 1) for i in range(n)]
    if kind == "sparse":
        p = [x if g.r.random() < 0.3 else 0.0 for x in p]
        if not any(p):
            p[g.r.choice(finite)] = 0.5
    if kind == "unnormalized":
        p = [3.0 * x for x in p]
    if kind == "probability":
        s = math.fsum(p)
        p = [x / s for x in p]
    return p


TARGET_KINDS = ["probability", "unnormalized", "onehot", "sparse"]


def plain_case(name, z, single, g=None, target_kind=None, smoothing=None):
    r = Core(z)
    case = {"name": name, "z": [fmt_in(x) for x in z], "lse": fmt_ref(r.lse),
            "softmax": [fmt_ref(x) for x in r.soft], "logSoftmax": [fmt_ref(x) for x in r.logsoft]}
    if target_kind is not None:
        p = make_target(g, z, target_kind)
        h, grad = r.cross_entropy([mpf(x) for x in p])
        case["p"] = [fmt_in(x) for x in p]
        if target_kind == "onehot":
            case["label"] = p.index(1.0)
        case["crossEntropy"] = fmt_ref(h)
        case["gradient"] = [fmt_ref(x) for x in grad]
        if smoothing is not None and target_kind == "onehot":
            k = case["label"]
            n = len(z)
            eps = mpf(smoothing)
            ps = [eps / n + ((1 - eps) if i == k else 0) for i in range(n)]
            if all(z[i] != NEG_INF for i in range(n)):
                hs, gs = r.cross_entropy(ps)
                case["labelSmoothing"] = fmt_in(smoothing)
                case["crossEntropySmoothed"] = fmt_ref(hs)
                case["gradientSmoothed"] = [fmt_ref(x) for x in gs]
    return case


def tempered_case(name, z, temperature):
    r = Core(z, temperature=temperature)
    return {"name": name, "z": [fmt_in(x) for x in z], "temperature": fmt_in(temperature), "lse": fmt_ref(r.lse),
            "softmax": [fmt_ref(x) for x in r.soft], "logSoftmax": [fmt_ref(x) for x in r.logsoft]}


def weighted_case(name, z, weights):
    r = Core(z, weights=weights)
    return {"name": name, "z": [fmt_in(x) for x in z], "weights": [fmt_in(x) for x in weights],
            "lse": fmt_ref(r.lse), "softmax": [fmt_ref(x) for x in r.soft]}


def make_weights(g, z, kind, single):
    rnd = to_f32 if single else float
    n = len(z)
    if kind == "degeneracies":
        w = [float(g.r.randint(1, 12)) for _ in range(n)]
    elif kind == "uniform":
        w = [g.u(0, 2) for _ in range(n)]
    elif kind == "zeros":
        w = [g.u(0, 2) if g.r.random() < 0.6 else 0.0 for _ in range(n)]
    else:
        lo, hi = (1e-30, 1e30) if single else (1e-200, 1e200)
        w = [g.logu(lo, hi) for _ in range(n)]
    live = [i for i in range(n) if z[i] != NEG_INF]
    if not any(w[i] > 0 for i in live):
        w[live[0]] = 1.0
    return [rnd(x) for x in w]


SHAPES = ["spread", "cluster", "ulps", "ties", "wide", "masked"]
DOUBLE_SCALES = [1e-12, 1e-6, 1e-3, 1.0, 30.0, 1e3, 1e6, 1e15, 1e100, 1e300]
FLOAT_SCALES = [1e-12, 1e-6, 1e-3, 1.0, 30.0, 1e3, 1e6, 1e15, 1e30, 1e38]


def double_cases(g):
    cases = []
    fixed = [
        ("lse-0-minus40", [0.0, -40.0]),
        ("709-710", [709.0, 710.0]),
        ("1000-1000-999", [1000.0, 1000.0, 999.0]),
        ("minus1e300-1e300", [-1e300, 1e300]),
        ("1e300-tie", [1e300, 1e300]),
        ("plus-minus-745", [745.0, -745.0]),
        ("tiny-pair", [1e-12, -1e-12]),
        ("single-zero", [0.0]),
        ("single-1e300", [1e300]),
        ("single-minus1e300", [-1e300]),
        ("mask-pair", [0.0, NEG_INF]),
        ("mask-triple", [NEG_INF, 3.0, NEG_INF]),
        ("adjacent-ulps-1e300", [1e300, math.nextafter(1e300, 0), math.nextafter(math.nextafter(1e300, 0), 0)]),
        ("one-ulp-1", [1.0, math.nextafter(1.0, 2)]),
        ("huge-gap", [0.0, -1e300, 1e-300]),
        ("near-max-double", [1.7e308, 1.7e308, -1.7e308 / 2]),
    ]
    for i, (name, z) in enumerate(fixed):
        kind = TARGET_KINDS[i % 4] if name != "near-max-double" else None
        cases.append(plain_case("fixed/" + name, z, False, g, kind, smoothing=0.1))
    counter = 0
    for n in [1, 2, 3, 10, 100]:
        scales = DOUBLE_SCALES if n <= 10 else [1e-12, 1.0, 30.0, 1e6, 1e300]
        for shape in SHAPES:
            for scale in scales:
                z = make_vector(g, n, shape, scale, False)
                kind = TARGET_KINDS[counter % 4]
                counter += 1
                cases.append(plain_case(f"n{n}/{shape}/{scale:g}", z, False, g, kind,
                                        smoothing=[0.1, 0.01, 0.3][counter % 3]))
    for shape, scale in [("spread", 1e300), ("cluster", 1e15), ("masked", 30.0)]:
        z = make_vector(g, 1000, shape, scale, False)
        cases.append(plain_case(f"n1000/{shape}/{scale:g}", z, False, g, TARGET_KINDS[counter % 4], smoothing=0.1))
        counter += 1
    z = make_vector(g, 10000, "cluster", 1e3, False)
    cases.append(plain_case("n10000/cluster/1000", z, False, g, "probability"))
    return cases


def float_cases(g):
    cases = []
    fixed = [
        ("100-100", [100.0, 100.0]),
        ("89-0", [89.0, 0.0]),
        ("88-89", [88.0, 89.0]),
        ("0-minus17", [0.0, -17.0]),
        ("minus1e38-1e38", [-1e38, 1e38]),
        ("single-3e38", [3e38]),
        ("mask-pair", [NEG_INF, 1.0]),
    ]
    for name, z in fixed:
        cases.append(plain_case("fixed/" + name, [x if x == NEG_INF else to_f32(x) for x in z], True))
    for n in [1, 2, 3, 10, 100]:
        scales = FLOAT_SCALES if n <= 10 else [1e-12, 1.0, 30.0, 1e6, 1e38]
        for shape in SHAPES:
            for scale in scales:
                cases.append(plain_case(f"n{n}/{shape}/{scale:g}", make_vector(g, n, shape, scale, True), True))
    for shape, scale in [("cluster", 1e3), ("wide", 1e38)]:
        cases.append(plain_case(f"n1000/{shape}/{scale:g}", make_vector(g, 1000, shape, scale, True), True))
    cases.append(plain_case("n10000/cluster/30", make_vector(g, 10000, "cluster", 30.0, True), True))
    return cases


def tempered_cases(g, single):
    rnd = to_f32 if single else float
    temps = [1e-3, 0.1, 0.5, 2.5, 10.0, 1e3, 1e6]
    scales = FLOAT_SCALES if single else DOUBLE_SCALES
    cases = []
    fixed = [("1000-1000-999", [1000.0, 1000.0, 999.0], 0.5), ("minus-plus-large", [-1e30, 1e30], 1e-3),
             ("700-710", [700.0, 710.0], 0.01), ("mask", [NEG_INF, 2.0, 1.0], 3.0)]
    if not single:
        fixed += [("minus1e300-1e300", [-1e300, 1e300], 1e-3), ("overflowing-quotient", [-1e300, 1e300, 0.0], 1e-10)]
    for name, z, t in fixed:
        cases.append(tempered_case(f"fixed/{name}/T={t:g}", [x if x == NEG_INF else rnd(x) for x in z], rnd(t)))
    for n in [2, 3, 10, 100]:
        for shape in SHAPES:
            for scale in scales[::3] if n == 100 else scales:
                t = rnd(temps[g.r.randrange(len(temps))])
                cases.append(tempered_case(f"n{n}/{shape}/{scale:g}/T={t:g}",
                                           make_vector(g, n, shape, scale, single), t))
    for shape, scale, t in [("cluster", 1e3, 0.5)]:
        cases.append(tempered_case(f"n1000/{shape}/{scale:g}/T={t:g}",
                                   make_vector(g, 1000, shape, scale, single), rnd(t)))
    return cases


def weighted_cases(g, single):
    scales = FLOAT_SCALES if single else DOUBLE_SCALES
    kinds = ["degeneracies", "uniform", "zeros", "wide"]
    cases = []
    rnd = to_f32 if single else float
    fixed = [("0-minus40-w", [0.0, -40.0], [1.0, 1.0]), ("two-levels", [0.0, -1.0], [1.0, 3.0]),
             ("removed-max", [50.0, 0.0, -1.0], [0.0, 2.0, 5.0]), ("mask", [NEG_INF, 1.0], [4.0, 0.5])]
    for name, z, w in fixed:
        cases.append(weighted_case("fixed/" + name, [x if x == NEG_INF else rnd(x) for x in z], [rnd(x) for x in w]))
    counter = 0
    for n in [1, 2, 3, 10, 100]:
        for shape in SHAPES:
            for scale in scales[::3] if n == 100 else scales:
                z = make_vector(g, n, shape, scale, single)
                kind = kinds[counter % 4]
                counter += 1
                cases.append(weighted_case(f"n{n}/{shape}/{scale:g}/{kind}", z, make_weights(g, z, kind, single)))
    for shape, scale, kind in [("spread", 30.0, "wide")]:
        z = make_vector(g, 1000, shape, scale, single)
        cases.append(weighted_case(f"n1000/{shape}/{scale:g}/{kind}", z, make_weights(g, z, kind, single)))
    return cases


def row_groups(cases, labels):
    """Batches of 4 same-length cases with targets, for the row-wise forms (mean cross-entropy).

    With labels, only one-hot targets are batched, so the int[] labels overload meets the same reference.
    """
    groups = []
    by_length = {}
    for c in cases:
        if "p" in c and len(c["z"]) <= 100 and (not labels or "label" in c):
            by_length.setdefault(len(c["z"]), []).append(c)
    for n in sorted(by_length):
        members = by_length[n]
        for k in range(0, len(members) - 3, 4):
            chunk = members[k:k + 4]
            mean = mpmath.fsum(mpmath.mpf(c["crossEntropy"]) for c in chunk) / 4
            prefix = "label-rows" if labels else "rows"
            groups.append({"name": f"{prefix}-n{n}-{k // 4}", "cases": [c["name"] for c in chunk],
                           "labels": labels, "crossEntropyMean": fmt_ref(mean)})
    return groups


def build():
    g = Gen(SEED)
    doubles = double_cases(g)
    data = {
        "about": "Reference values for SoftmaxNotebooks accuracy tests; generated by make_reference.py "
                 f"(mpmath {mpmath.__version__.split('.')[0]}.x, mp.dps = {mp.dps}, seed {SEED}).",
        "double": doubles,
        "doubleTemperature": tempered_cases(g, False),
        "doubleWeighted": weighted_cases(g, False),
        "float": float_cases(g),
        "floatTemperature": tempered_cases(g, True),
        "floatWeighted": weighted_cases(g, True),
        "rowGroups": row_groups(doubles, False) + row_groups(doubles, True),
    }
    return data


def parse_in(s):
    return NEG_INF if s == "-Infinity" else float(s)


def naive_cross_check(c):
    """Recompute a short case by the textbook formulas at enough digits that 1 + e^(-2000) still differs from 1.

    Shares no code path with Core (no pivot, no log1p, no exact subtraction); returns 1 if the case was checked.
    """
    z = [parse_in(s) for s in c["z"]]
    t = float(c.get("temperature", "1"))
    w = [float(s) for s in c.get("weights", ["1"] * len(z))]
    live = [i for i in range(len(z)) if z[i] != NEG_INF and w[i] > 0]
    spread = max(z[i] for i in live) - min(z[i] for i in live)
    if len(z) > 10 or spread / t > 2000 or max(abs(z[i]) for i in live) > 1e4:
        return 0
    dps = int((spread / t) / 2.3 + max(abs(z[i]) for i in live) / 2.3) + 120
    # Rounding noise of the textbook formulas: a few units in the last digit of the largest quantity involved.
    noise = mpf(10) ** (10 - dps) * (max(abs(z[i]) for i in live) / t + 1000)
    with mp.workdps(dps):
        total = mpmath.fsum(mpf(w[i]) * mpmath.exp(mpf(z[i]) / mpf(t)) for i in live)
        lse = mpf(t) * mpmath.log(total)
        ls = [mpf(z[i]) / mpf(t) + mpmath.log(mpf(w[i])) - mpmath.log(total) if i in live else None
              for i in range(len(z))]
        outputs = [(lse, c["lse"])]
        outputs += [(mpmath.exp(ls[i]), c["softmax"][i]) for i in live]
        if "logSoftmax" in c:
            outputs += [(ls[i], c["logSoftmax"][i]) for i in live]
        if "p" in c:
            p = [mpf(float(s)) for s in c["p"]]
            outputs.append((mpmath.fsum(-p[i] * ls[i] for i in live if p[i] > 0), c["crossEntropy"]))
            outputs += [(mpmath.fsum(p) * mpmath.exp(ls[i]) - p[i], c["gradient"][i]) for i in live]
        for exact, stored in outputs:
            tolerance = abs(exact) * mpf(10) ** -(DIGITS - 2) + noise + (mpf("1e-400") if stored == "0" else 0)
            assert abs(mpf(stored) - exact) <= tolerance, (c["name"], stored, exact)
    return 1


def verify(data):
    """Independent checks of the written data, recomputed from the stored strings."""
    lse = [c for c in data["double"] if c["name"] == "fixed/lse-0-minus40"][0]
    assert float(lse["lse"]) == 4.248354255291589e-18, lse["lse"]
    for section in ["double", "doubleTemperature", "doubleWeighted", "float", "floatTemperature", "floatWeighted"]:
        single = section.startswith("float")
        names = set()
        for c in data[section]:
            assert c["name"] not in names, c["name"]
            names.add(c["name"])
            z = [parse_in(s) for s in c["z"]]
            assert [fmt_in(x) for x in z] == c["z"], c["name"]
            if single:
                assert all(is_f32(x) for x in z), c["name"]
                assert all(is_f32(float(s)) for s in c.get("weights", [])), c["name"]
                assert "temperature" not in c or is_f32(float(c["temperature"])), c["name"]
            assert all(abs(x) <= 1.7e308 for x in z if x != NEG_INF)
            soft = [mpf(s) for s in c["softmax"]]
            assert abs(mpmath.fsum(soft) - 1) < mpf(10) ** -(DIGITS - 3), c["name"]
            t = mpf(float(c.get("temperature", "1")))
            w = [mpf(float(s)) for s in c.get("weights", ["1"] * len(z))]
            live = [i for i in range(len(z)) if z[i] != NEG_INF and w[i] > 0]
            # LSE - z_i = -T log s_i + T log w_i on live entries: a second route to the same numbers.
            L = mpf(c["lse"])
            for i in live:
                if soft[i] > mpf("1e-300"):
                    lhs = L - mpf(z[i])
                    rhs = t * (mpmath.log(w[i]) - mpmath.log(soft[i]))
                    tol = mpf(10) ** -(DIGITS - 4) * (abs(L) + abs(mpf(z[i])) + abs(rhs) + 1)
                    assert abs(lhs - rhs) <= tol, (c["name"], i)
            for i in range(len(z)):
                if i not in live:
                    assert soft[i] == 0 and (c.get("logSoftmax") is None or c["logSoftmax"][i] == "-Infinity")
            if "logSoftmax" in c:
                for i in live:
                    ls = mpf(c["logSoftmax"][i])
                    if soft[i] > mpf("1e-300"):
                        assert abs(mpmath.exp(ls) - soft[i]) <= soft[i] * mpf(10) ** -(DIGITS - 3), (c["name"], i)
            if "p" in c:
                p = [mpf(float(s)) for s in c["p"]]
                ls = [mpf(s) if s != "-Infinity" else None for s in c["logSoftmax"]]
                h = mpmath.fsum(-p[i] * ls[i] for i in range(len(z)) if p[i] > 0)
                assert abs(h - mpf(c["crossEntropy"])) <= abs(h) * mpf(10) ** -(DIGITS - 3), c["name"]
                grad = [mpf(s) for s in c["gradient"]]
                assert abs(mpmath.fsum(grad)) <= mpmath.fsum(p) * mpf(10) ** -(DIGITS - 4), c["name"]
                if "label" in c:
                    assert p[c["label"]] == 1 and mpmath.fsum(p) == 1
    checked = 0
    for section in ["double", "doubleTemperature", "doubleWeighted", "float", "floatTemperature", "floatWeighted"]:
        for c in data[section]:
            checked += naive_cross_check(c)
    assert checked > 300, checked
    by_name = {c["name"]: c for c in data["double"]}
    for grp in data["rowGroups"]:
        rows = [by_name[n] for n in grp["cases"]]
        assert len({len(r["z"]) for r in rows}) == 1
        assert not grp["labels"] or all("label" in r for r in rows)
        mean = mpmath.fsum(mpf(r["crossEntropy"]) for r in rows) / len(rows)
        assert abs(mean - mpf(grp["crossEntropyMean"])) <= abs(mean) * mpf(10) ** -(DIGITS - 3) + mpf("1e-400")


def dumps(data):
    """One case per line: compact, yet a diff of a regenerated file still points at the cases that changed."""
    lines = ["{"]
    keys = list(data)
    for k, key in enumerate(keys):
        value = data[key]
        tail = "," if k + 1 < len(keys) else ""
        if isinstance(value, list):
            lines.append(json.dumps(key) + ":[")
            for j, item in enumerate(value):
                lines.append(json.dumps(item, separators=(",", ":")) + ("," if j + 1 < len(value) else ""))
            lines.append("]" + tail)
        else:
            lines.append(json.dumps(key) + ":" + json.dumps(value) + tail)
    lines.append("}")
    return "\n".join(lines) + "\n"


def publish(path, text, summary=""):
    """Writes text to path, or with --check compares it with the committed file and exits 1 when they differ."""
    name = os.path.basename(path)
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            same = f.read() == text
        print(name + " is " + ("up to date" if same else "STALE"))
        sys.exit(0 if same else 1)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {path} ({len(text)} bytes){summary}")


def main():
    data = build()
    text = dumps(data)
    verify(json.loads(text))
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    publish(OUT, text, f": {counts}")


if __name__ == "__main__":
    main()

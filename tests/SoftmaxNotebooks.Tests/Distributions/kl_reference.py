#!/usr/bin/env python3
"""mpmath references for the Distribution regression tests (KL of nearby distributions, variance with an offset).

Run from this folder: python3 kl_reference.py. The inputs are dyadic, so the doubles the kit stores are exactly
these numbers (each vector sums to 1 exactly, so normalisation divides by 1).
"""
import mpmath as mp

mp.mp.dps = 60
u = mp.mpf(2) ** -32
p = [mp.mpf(3) / 16, mp.mpf(5) / 16, mp.mpf(1) / 4, mp.mpf(1) / 4]
q = [p[0] + 3 * u, p[1] - 5 * u, p[2] + 1 * u, p[3] + 1 * u]
assert sum(q) == 1
kl = mp.fsum(pi * mp.log(pi / qi) for pi, qi in zip(p, q))
print("KL(p||q) =", mp.nstr(kl, 20))
kl_rev = mp.fsum(qi * mp.log(qi / pi) for pi, qi in zip(p, q))
print("KL(q||p) =", mp.nstr(kl_rev, 20))
x = [mp.mpf(10) ** 16, mp.mpf(10) ** 16 + 2]
w = [mp.mpf("0.3"), mp.mpf("0.7")]
# the probabilities as stored: the doubles nearest 0.3 and 0.7, divided by their double sum (1.0)
w = [mp.mpf(0.3), mp.mpf(0.7)]
m = mp.fsum(a * b for a, b in zip(w, x)) / mp.fsum(w)
print("Var =", mp.nstr(mp.fsum(a * (b - m) ** 2 for a, b in zip(w, x)) / mp.fsum(w), 20))

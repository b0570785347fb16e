#!/usr/bin/env python3
"""mpmath β for maximum-entropy targets one ulp above the ground level (review finding 8). Run: python3 near_end_reference.py"""
import mpmath as mp

mp.mp.dps = 60


def mean(E, beta):
    w = [mp.e ** (-beta * (e - E[0])) for e in E]
    return mp.fsum(wi * e for wi, e in zip(w, E)) / mp.fsum(w)


def solve(E, target):
    lo, hi = mp.mpf(0), mp.mpf(1)
    while mean(E, hi) > target:
        hi *= 2
    for _ in range(300):
        mid = (lo + hi) / 2
        if mean(E, mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


die = [mp.mpf(k) for k in range(1, 7)]
print("die, 1 + 2^-52:", mp.nstr(solve(die, 1 + mp.mpf(2) ** -52), 20))
print("[0, 1e-6, 1e6], 1e-7:", mp.nstr(solve([mp.mpf(0), mp.mpf(1e-6), mp.mpf(1e6)], mp.mpf(1e-7)), 20))

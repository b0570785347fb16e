#!/usr/bin/env python3
"""Writes the energy spectra of notebooks 3 and 4 to data/spectra/*.csv.

Units: energies are in units of a stated scale (epsilon, hbar*omega, the Rydberg energy, the rotational constant B),
so beta is in inverse units of that scale and k_B = 1. Each file has the columns level, energy, degeneracy, label.
Energies are written with repr(), the shortest text that reads back as the same double, so a C# double.Parse
(invariant culture) recovers exactly the value computed here.

Run: python3 data/scripts/generate_spectra.py   (standard library only; rewrites the four files)
"""
from fractions import Fraction
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "spectra"

# Truncations are part of the data: the notebooks quote them, and for hydrogen the results depend on them.
HARMONIC_LEVELS = 20      # n = 0..19
HYDROGEN_N_MAX = 10       # n = 1..10
ROTOR_J_MAX = 20          # J = 0..20


def exact(q: Fraction) -> float:
    return float(q)  # correctly rounded from the exact rational


def two_level():
    # Ground state 0 and excited state epsilon = 1, both non-degenerate.
    return [(0, Fraction(0), 1, "ground"), (1, Fraction(1), 1, "excited")]


def harmonic():
    # E_n = (n + 1/2) hbar*omega with hbar*omega = 1, non-degenerate, truncated at HARMONIC_LEVELS levels.
    return [(n, Fraction(2 * n + 1, 2), 1, f"n={n}") for n in range(HARMONIC_LEVELS)]


def hydrogen():
    # E_n = -1/n^2 (Rydberg units), g_n = n^2 (spin ignored); the infinite sum for Z diverges at every beta,
    # so the file stops at HYDROGEN_N_MAX and the notebooks say so.
    return [(n, Fraction(-1, n * n), n * n, f"n={n}") for n in range(1, HYDROGEN_N_MAX + 1)]


def rigid_rotor():
    # E_J = B J(J+1) with B = 1, g_J = 2J+1; Z converges for beta > 0, the file stops at ROTOR_J_MAX.
    return [(j, Fraction(j * (j + 1)), 2 * j + 1, f"J={j}") for j in range(ROTOR_J_MAX + 1)]


def write(name, rows):
    lines = ["level,energy,degeneracy,label"]
    for level, energy, g, label in rows:
        lines.append(f"{level},{exact(energy)!r},{g},{label}")
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} levels to {OUT / name}")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write("two-level.csv", two_level())
    write("harmonic.csv", harmonic())
    write("hydrogen.csv", hydrogen())
    write("rigid-rotor.csv", rigid_rotor())

#!/usr/bin/env python3
"""Exact references for the bootstrap's treatment of degenerate resamples.

Writes exact-resamples.json next to this script:

* "enumerated": tiny datasets (n = 4-6) whose n^n case resamples are ALL enumerated, grouped by
  how often each row is drawn (a resample's fit depends only on those counts). Each group gets its
  multiplicity n!/prod(c_i!), whether its weighted design is rank-deficient (exact rank over the
  rationals, rows of weight 0 left out), and otherwise its least-squares coefficients solved
  exactly in rationals. Also the probability of a degenerate resample and quantiles of the ideal
  bootstrap distribution of each coefficient over the non-degenerate resamples.
* "sampled": the 20-row model with a dummy that is 1 in two rows: NumPy case bootstrap
  (B = 400000, degenerate resamples excluded by exact rank) percentile interval of every
  coefficient, with the Monte Carlo standard deviation of its ends at B = 20000.

Run: python3 Tests/TrendFitTests/Fixtures/exact-resamples/generate.py (NumPy 2.x; deterministic).
"""
import itertools
import json
import math
import os
from fractions import Fraction

import numpy as np


def exact_fit(rows, counts, weights, intercept):
    """Rank-deficiency and exact coefficients of the weighted LS fit of the drawn rows."""
    p = len(rows[0][0]) + (1 if intercept else 0)
    xtx = [[Fraction(0)] * p for _ in range(p)]
    xty = [Fraction(0)] * p
    for (x, y), c, w in zip(rows, counts, weights):
        if c == 0 or w == 0:
            continue
        design = ([Fraction(1)] if intercept else []) + [Fraction(v) for v in x]
        cw = c * Fraction(w)
        for i in range(p):
            xty[i] += cw * design[i] * Fraction(y)
            for j in range(p):
                xtx[i][j] += cw * design[i] * design[j]
    # Gauss-Jordan elimination with exact pivots.
    a = [row[:] + [xty[i]] for i, row in enumerate(xtx)]
    for col in range(p):
        pivot = next((r for r in range(col, p) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(p):
            if r != col and a[r][col] != 0:
                factor = a[r][col] / a[col][col]
                a[r] = [u - factor * v for u, v in zip(a[r], a[col])]
    return [float(a[i][p] / a[i][i]) for i in range(p)]


def compositions(n):
    """Every way to draw n rows from n with replacement, as counts per row."""
    for cut in itertools.combinations(range(2 * n - 1), n - 1):
        bounds = (-1,) + cut + (2 * n - 1,)
        yield [bounds[i + 1] - bounds[i] - 1 for i in range(n)]


def lower_quantile(atoms, level):
    """Inverse CDF (smallest value with CDF >= level) of weighted atoms [(value, weight)]."""
    total = sum(w for _, w in atoms)
    cumulative = 0
    for value, w in sorted(atoms):
        cumulative += w
        if cumulative >= level * total:
            return value
    return sorted(atoms)[-1][0]


def enumerate_dataset(name, columns, y, weights, intercept, note):
    n = len(y)
    rows = [([c[i] for c in columns], y[i]) for i in range(n)]
    weights = weights or [1] * n
    groups = []
    degenerate = 0
    for counts in compositions(n):
        multiplicity = math.factorial(n) // math.prod(math.factorial(c) for c in counts)
        coefficients = exact_fit(rows, counts, weights, intercept)
        degenerate += multiplicity if coefficients is None else 0
        groups.append({"counts": counts, "multiplicity": multiplicity, "coefficients": coefficients})
    assert sum(g["multiplicity"] for g in groups) == n ** n
    p = len(columns) + (1 if intercept else 0)
    levels = [0.02, 0.025, 0.03, 0.97, 0.975, 0.98]
    quantiles = []
    for j in range(p):
        atoms = [(g["coefficients"][j], g["multiplicity"]) for g in groups if g["coefficients"] is not None]
        quantiles.append({str(level): lower_quantile(atoms, level) for level in levels})
    return {"name": name, "note": note, "columns": columns, "y": y, "weights": weights, "intercept": intercept,
            "degenerateProbability": degenerate / n ** n, "groups": groups, "quantiles": quantiles}


def sampled_dummy_model():
    rng = np.random.default_rng(20261128)
    n = 20
    x = [2000.0 + i + round(float(rng.uniform(-0.4, 0.4)), 3) for i in range(n)]
    dummy = [1.0 if i in (5, 14) else 0.0 for i in range(n)]
    y = [round(1 + 0.3 * (x[i] - 2000) + 2.8 * dummy[i] + float(rng.normal(0, 0.25)), 4) for i in range(n)]
    design = np.column_stack([np.ones(n), x, dummy])
    yv = np.array(y)
    b_total = 400_000
    draws = rng.integers(0, n, size=(b_total, n))
    estimates = []
    for idx in draws:
        sub = design[idx]
        if np.ptp(sub[:, 2]) == 0 or np.ptp(sub[:, 1]) == 0:
            continue  # a regressor constant in the resample: collinear with the intercept
        centred = sub - sub.mean(axis=0)
        if np.linalg.matrix_rank(centred[:, 1:]) < 2:
            continue
        estimates.append(np.linalg.lstsq(sub, yv[idx], rcond=None)[0])
    estimates = np.array(estimates)
    interval = np.quantile(estimates, [0.025, 0.975], axis=0, method="linear")
    # Monte Carlo spread of the interval ends with B = 20000 resamples (valid ones).
    chunks = estimates[: (len(estimates) // 20000) * 20000].reshape(-1, 20000, 3)
    ends = np.array([np.quantile(c, [0.025, 0.975], axis=0, method="linear") for c in chunks])
    return {"name": "dummy in two of 20 rows", "columns": [x, dummy], "y": y, "intercept": True,
            "resamples": b_total, "valid": int(len(estimates)),
            "degenerateFraction": 1 - len(estimates) / b_total,
            "lower": interval[0].tolist(), "upper": interval[1].tolist(),
            "lowerSD20000": ends[:, 0, :].std(axis=0, ddof=1).tolist(),
            "upperSD20000": ends[:, 1, :].std(axis=0, ddof=1).tolist()}


def main():
    enumerated = [
        enumerate_dataset("five systems on one date plus one other",
                          [[2015.5, 2015.5, 2015.5, 2015.5, 2015.5, 2017.25]],
                          [20.1, 21.3, 19.8, 22.0, 20.7, 24.6], None, True,
                          "a third of the resamples draw only the shared date"),
        enumerate_dataset("dummy in two of five rows",
                          [[2001.0, 2001.0, 2003.0, 2004.5, 2004.5], [0, 0, 1, 1, 0]],
                          [1.0, 1.4, 4.1, 4.6, 2.2], None, True,
                          "degenerate when the drawn rows leave the dummy constant, or make x an affine "
                          "function of it (rows 0, 1, 2: collinear with three distinct rows)"),
        enumerate_dataset("no intercept, x zero in two of four rows",
                          [[0.0, 0.0, 1.5, 3.0]], [0.4, -0.3, 2.2, 3.9], None, False,
                          "degenerate when only the x = 0 rows are drawn"),
        enumerate_dataset("zero weight on the row with the other date",
                          [[3.0, 3.0, 3.0, 7.0, 5.0]], [1.0, 1.5, 0.7, 9.0, 3.2], [1, 2, 1, 0, 0.5], True,
                          "rows of weight 0 do not count: degenerate unless row 4 (x = 5) is drawn"),
    ]
    result = {"generator": "Tests/TrendFitTests/Fixtures/exact-resamples/generate.py",
              "enumerated": enumerated, "sampled": sampled_dummy_model()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exact-resamples.json")
    with open(path, "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    for d in enumerated:
        print(d["name"], "P(degenerate) =", d["degenerateProbability"], [q["0.025"] for q in d["quantiles"]],
              [q["0.975"] for q in d["quantiles"]])
    s = result["sampled"]
    print(s["name"], s["degenerateFraction"], s["lower"], s["upper"], s["lowerSD20000"], s["upperSD20000"])


if __name__ == "__main__":
    main()

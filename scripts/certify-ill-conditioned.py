#!/usr/bin/env python3
"""Writes ill-conditioned polynomial least-squares problems with certified (exact) solutions.

Usage: python3 scripts/certify-ill-conditioned.py [--output Tests/TrendFitTests/Fixtures/ill-conditioned]
Needs numpy and mpmath (pip install numpy mpmath). Deterministic: rerunning rewrites the same files.

Each problem is a polynomial of degree 4 to 10 in x with a large offset (like NIST's Filip and
Wampler4/5, which are not shipped here). Every stored value is a double written exactly (repr), and
the certified values are those of the exact least-squares solution for these doubles: the normal
equations are solved in rational arithmetic (fractions.Fraction), the standard errors, residual
standard deviation and R^2 are then evaluated with mpmath at 50 digits and written with 25.
Conventions are NIST StRD's: residual SD = sqrt(RSS / (n - p)); R^2 = 1 - RSS / TSS with TSS
centred (weighted) with an intercept and uncentred without; weighted problems minimise
sum w_i r_i^2. The exact fitted values are written too.

To show the problems are hard, the script also measures what plain double precision gets (the
fewest correct significant digits over the coefficients) and stores it with the problem:
numpy.linalg.lstsq (LAPACK gelsd, default rcond), Householder QR of the design (numpy.linalg.qr,
LAPACK geqrf, then a triangular solve), and Householder QR of the centred design; and the
condition number kappa of the centred regressors scaled to unit columns.
"""
import argparse
import json
import math
import os
from fractions import Fraction

import mpmath
import numpy as np

mpmath.mp.dps = 50


def grid(start, width, count, denominator):
    """count points from start to start + width, rounded to multiples of 1/denominator."""
    return [round((start + width * i / (count - 1)) * denominator) / denominator for i in range(count)]


def powers(x, degree):
    """x, x*x, x*x*x, ... in double precision, the way a user builds polynomial columns."""
    columns, value = [], [1.0] * len(x)
    for _ in range(degree):
        value = [v * xi for v, xi in zip(value, x)]
        columns.append(value)
    return columns


def response(x, start, width, noise, rng, bits):
    """A smooth curve plus noise, rounded to multiples of 2^-bits (exact doubles)."""
    t = [(xi - start) / width for xi in x]
    values = [0.8 + 0.5 * ti - 0.9 * ti * ti + 0.3 * math.sin(7 * ti) + noise * rng.standard_normal() for ti in t]
    return [round(v * 2 ** bits) / 2 ** bits for v in values]


def problems():
    rng = np.random.default_rng(20260101)
    specs = [
        # name, description, x start, width, rows, x denominator, degree, intercept, weighted, noise
        ("FilipLike", "degree 10 in x on [-9, -3] (the range of NIST Filip)", -9.0, 6.0, 82, 64, 10, True, False, 0.002),
        ("Degree10Shifted", "degree 10 in x on [-8, -2]", -8.0, 6.0, 82, 64, 10, True, False, 0.05),
        ("Degree8Weighted", "degree 8 in x on [10, 20], weights 1 to 4", 10.0, 10.0, 41, 64, 8, True, True, 0.05),
        ("DatesDegree4", "degree 4 in dates from 2000 to 2025 (x = 2000 + k/16)", 2000.0, 25.0, 101, 16, 4, True, False, 0.05),
        ("Offset1000Degree4", "degree 4 in x on [1000, 1010]", 1000.0, 10.0, 51, 64, 4, True, False, 0.05),
        ("Offset1000NoIntercept", "degree 4 in x on [1000, 1010], no intercept", 1000.0, 10.0, 61, 64, 4, False, False, 0.05),
    ]
    for name, description, start, width, count, denominator, degree, intercept, weighted, noise in specs:
        x = grid(start, width, count, denominator)
        y = response(x, start, width, noise, rng, 20)
        weights = [float(1 + (i * 7) % 4) for i in range(count)] if weighted else None
        yield dict(name=name, description=description, degree=degree, intercept=intercept,
                   x=x, y=y, regressors=powers(x, degree), weights=weights)


def solve_exact(matrix, rhs):
    """Gaussian elimination in rationals."""
    size = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = next(r for r in range(col, size) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, size):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, size + 1):
                    a[r][c] -= factor * a[col][c]
    solution = [Fraction(0)] * size
    for r in reversed(range(size)):
        solution[r] = (a[r][size] - sum(a[r][c] * solution[c] for c in range(r + 1, size))) / a[r][r]
    return solution


def inverse_exact(matrix):
    size = len(matrix)
    columns = [solve_exact(matrix, [Fraction(int(i == j)) for i in range(size)]) for j in range(size)]
    return [[columns[j][i] for j in range(size)] for i in range(size)]


def certify(problem):
    n = len(problem["y"])
    rows = [([Fraction(1)] if problem["intercept"] else []) + [Fraction(c[i]) for c in problem["regressors"]]
            for i in range(n)]
    y = [Fraction(v) for v in problem["y"]]
    w = [Fraction(v) for v in problem["weights"]] if problem["weights"] else [Fraction(1)] * n
    p = len(rows[0])
    gram = [[sum(w[i] * rows[i][a] * rows[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    moments = [sum(w[i] * rows[i][a] * y[i] for i in range(n)) for a in range(p)]
    beta = solve_exact(gram, moments)
    inverse = inverse_exact(gram)
    residuals = [y[i] - sum(beta[a] * rows[i][a] for a in range(p)) for i in range(n)]
    rss = sum(w[i] * residuals[i] ** 2 for i in range(n))
    if problem["intercept"]:
        mean = sum(w[i] * y[i] for i in range(n)) / sum(w)
        tss = sum(w[i] * (y[i] - mean) ** 2 for i in range(n))
    else:
        tss = sum(w[i] * y[i] ** 2 for i in range(n))
    positive = sum(1 for v in w if v > 0)
    variance = rss / (positive - p)

    def decimal(value):
        return mpmath.nstr(value, 25, min_fixed=-1, max_fixed=-1)

    def rational(value):
        return mpmath.mpf(value.numerator) / value.denominator

    return dict(
        coefficients=[decimal(rational(b)) for b in beta],
        standardErrors=[decimal(mpmath.sqrt(rational(variance * inverse[a][a]))) for a in range(p)],
        residualStandardDeviation=decimal(mpmath.sqrt(rational(variance))),
        rSquared=decimal(rational(1 - rss / tss)),
        fittedValues=[decimal(rational(y[i] - residuals[i])) for i in range(n)],
    ), beta


def digits(estimates, exact):
    """Fewest correct significant digits over the coefficients."""
    worst = 17.0
    for estimate, value in zip(estimates, exact):
        error = abs(Fraction(float(estimate)) - value)
        if error:
            worst = min(worst, -math.log10(error / abs(value)))
    return round(worst, 1)


def plain_double(problem, exact):
    design = np.column_stack(([np.ones(len(problem["y"]))] if problem["intercept"] else []) + problem["regressors"])
    y = np.array(problem["y"])
    scale = np.sqrt(np.array(problem["weights"])) if problem["weights"] else np.ones(len(y))
    a, b = design * scale[:, None], y * scale
    lstsq = np.linalg.lstsq(a, b, rcond=None)[0]
    q, r = np.linalg.qr(a)
    householder = np.linalg.solve(r, q.T @ b)
    result = dict(numpyLstsq=digits(lstsq, exact), householderQR=digits(householder, exact))
    regressors = np.column_stack(problem["regressors"]) * scale[:, None]
    if problem["intercept"]:
        weights = scale ** 2
        means = (weights[:, None] * design[:, 1:]).sum(0) / weights.sum()
        mean_y = (weights * y).sum() / weights.sum()
        qc, rc = np.linalg.qr((design[:, 1:] - means) * scale[:, None])
        slopes = np.linalg.solve(rc, qc.T @ ((y - mean_y) * scale))
        result["householderQRCentred"] = digits(np.concatenate([[mean_y - slopes @ means], slopes]), exact)
        regressors = (design[:, 1:] - means) * scale[:, None]
    return result, condition_number(regressors)


def condition_number(columns):
    """2-norm condition number of the (centred, weighted) regressors scaled to unit columns: the
    kappa that governs the fit's refinement (Sources/TrendFit/Numerics/LeastSquaresRefinement.swift)."""
    return float(f"{np.linalg.cond(columns / np.linalg.norm(columns, axis=0)):.2g}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="Tests/TrendFitTests/Fixtures/ill-conditioned")
    arguments = parser.parse_args()
    os.makedirs(arguments.output, exist_ok=True)
    for problem in problems():
        certified, exact = certify(problem)
        measured, kappa = plain_double(problem, exact)
        record = dict(name=problem["name"], description=problem["description"], degree=problem["degree"],
                      intercept=problem["intercept"], y=[repr(v) for v in problem["y"]],
                      regressors=[[repr(v) for v in column] for column in problem["regressors"]],
                      weights=[repr(v) for v in problem["weights"]] if problem["weights"] else None,
                      conditionNumber=kappa, certified=certified, plainDoubleDigits=measured)
        path = os.path.join(arguments.output, problem["name"] + ".json")
        with open(path, "w") as file:
            json.dump(record, file, indent=1)
            file.write("\n")
        print(f"{problem['name']:22} n={len(problem['y']):3} degree={problem['degree']:2} kappa={kappa:.1e} "
              f"plain double digits: {measured}")


if __name__ == "__main__":
    main()

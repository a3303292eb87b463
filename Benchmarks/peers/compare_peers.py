#!/usr/bin/env python3
"""One bootstrap workload on NumPy, scipy.stats.bootstrap and TrendFit, in one run, with ratios.

The workload matches `trendfit bench`'s SyntheticWorkload in shape and distribution: one problem
of n rows, p coefficients (intercept + p - 1 regressors; x0 a date in [1985, 2045), the others
uniform on [-1, 1)), response 3 + 0.3 (x0 - 2015) + 0.5 * sum(others) + U(-1, 1); B resamples of
the case (pairs) or wild scheme, optionally with a uniform response jitter U(-a, a).

Peers:
  numpy   vectorized bootstrap in chunks: int32 row indices, gather, centred cross-products by
          einsum, closed-form slope (p = 2) or batched np.linalg.solve (p > 2).
  scipy   scipy.stats.bootstrap(paired=True, vectorized=True) of the slope, where it applies
          (case resampling, no jitter, p = 2); it also computes a percentile interval.
  trendfit `trendfit bench --format json` with the same n, p, B and scheme, on the CPU backend
          and every OpenCL device (each warmed up, fastest of --repeats): the engine alone.
  trendfit end to end: `trendfit bootstrap data.csv --y y --x x1 ... --resamples B --format json`
          on the same data written to a CSV file, timed from process start until the JSON is read
          (loading, fit, resampling, percentile summaries, output), on --end-to-end-backend.
Every timing is the fastest of --repeats runs. Ratios are resamples per second over NumPy's.

Usage (from the repository root, after `swift build -c release`):
  python3 Benchmarks/peers/compare_peers.py --n 100 --p 2 --resamples 200000
  python3 Benchmarks/peers/compare_peers.py --jitter 0.05 --scaling
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
import scipy.stats


def make_data(n, p, seed):
    """The synthetic problem: x (n, p - 1) and y (n,)."""
    rng = np.random.default_rng(seed)
    x = np.empty((n, p - 1))
    x[:, 0] = 2015 + 30 * rng.uniform(-1, 1, n)
    x[:, 1:] = rng.uniform(-1, 1, (n, p - 2))
    y = 3 + 0.3 * (x[:, 0] - 2015) + 0.5 * x[:, 1:].sum(axis=1) + rng.uniform(-1, 1, n)
    return x, y


def closed_form(xs, ys, shift_x, shift_y):
    """Intercepts and slopes of one-regressor resamples (xs, ys: (b, n), centred by the full-sample means)."""
    n = xs.shape[1]
    sx = xs.sum(axis=1)
    sy = ys.sum(axis=1)
    sxx = np.einsum("bi,bi->b", xs, xs) - sx * sx / n
    sxy = np.einsum("bi,bi->b", xs, ys) - sx * sy / n
    slope = sxy / sxx
    return np.column_stack([shift_y + sy / n - slope * (shift_x + sx / n), slope])


def solve_centred(xs, ys):
    """Intercepts and slopes of each resample (xs: (b, n, q), ys: (b, n)) by batched normal equations."""
    xm = xs.mean(axis=1)
    ym = ys.mean(axis=1)
    xc = xs - xm[:, None, :]
    yc = ys - ym[:, None]
    gram = np.einsum("bij,bik->bjk", xc, xc)
    rhs = np.einsum("bij,bi->bj", xc, yc)
    slopes = np.linalg.solve(gram, rhs[:, :, None])[:, :, 0]
    intercepts = ym - np.einsum("bj,bj->b", slopes, xm)
    return np.column_stack([intercepts, slopes])


def numpy_bootstrap(x, y, resamples, scheme, jitter, seed, chunk=1024):
    """Vectorized bootstrap of the linear fit; returns (resamples, p) coefficients."""
    rng = np.random.default_rng(seed)
    n = len(y)
    one = x.shape[1] == 1
    shift_x, shift_y = x[:, 0].mean(), y.mean()
    out = np.empty((resamples, x.shape[1] + 1))
    if scheme == "wild":
        design = np.column_stack([np.ones(n), x])
        coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
        fitted = design @ coefficients
        hat = np.einsum("ij,ji->i", design, np.linalg.pinv(design))
        residuals = (y - fitted) / np.sqrt(1 - hat)
    x_centred = x[:, 0] - shift_x
    y_centred = y - shift_y
    for start in range(0, resamples, chunk):
        b = min(chunk, resamples - start)
        if scheme == "cases":
            rows = rng.integers(0, n, size=(b, n), dtype=np.int32)
            xs = x_centred[rows] if one else x[rows]
            ys = y_centred[rows] if one else y[rows]
        else:
            signs = rng.integers(0, 2, size=(b, n), dtype=np.int8) * 2 - 1
            xs = np.broadcast_to(x_centred, (b, n)) if one else np.broadcast_to(x, (b, n, x.shape[1]))
            ys = (fitted - (shift_y if one else 0)) + signs * residuals
        if jitter > 0:
            ys = ys + rng.uniform(-jitter, jitter, size=(b, n))
        out[start:start + b] = closed_form(xs, ys, shift_x, shift_y) if one else solve_centred(xs, ys)
    return out


def scipy_bootstrap(x, y, resamples, seed):
    """scipy.stats.bootstrap of the slope (paired, vectorized)."""
    def slope(xs, ys, axis=-1):
        xc = xs - xs.mean(axis=axis, keepdims=True)
        yc = ys - ys.mean(axis=axis, keepdims=True)
        return (xc * yc).sum(axis=axis) / (xc * xc).sum(axis=axis)

    return scipy.stats.bootstrap((x[:, 0], y), slope, paired=True, vectorized=True, n_resamples=resamples,
                                 batch=4096, method="percentile", random_state=np.random.default_rng(seed))


def fastest(repeats, run):
    """The shortest wall-clock time of `repeats` calls of `run`."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def trendfit_bench(args, extra):
    """Runs `trendfit bench --format json` for the workload and returns the parsed report."""
    command = [args.trendfit, "bench", "--backend", args.backend, "--n", str(args.n), "--p", str(args.p),
               "--scheme", args.scheme, "--precision", "double", "--resamples", str(args.resamples),
               "--jitter", str(args.jitter), "--repeats", str(args.repeats), "--format", "json"] + extra
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(completed.stdout)


def write_csv(path, x, y):
    """The data as a CSV file with columns x1 ... x{p - 1}, y (full precision)."""
    names = [f"x{j + 1}" for j in range(x.shape[1])]
    with open(path, "w") as out:
        out.write(",".join(names + ["y"]) + "\n")
        for row, response in zip(x, y):
            out.write(",".join(repr(float(v)) for v in row) + f",{float(response)!r}\n")
    return names


def trendfit_end_to_end(args, x, y):
    """The fastest of --repeats `trendfit bootstrap ... --format json` runs, process start to JSON read."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "data.csv")
        names = write_csv(path, x, y)
        command = [args.trendfit, "bootstrap", path, "--y", "y"] + [a for name in names for a in ("--x", name)] + [
            "--resamples", str(args.resamples), "--scheme", args.scheme, "--jitter", str(args.jitter),
            "--seed", str(args.seed), "--backend", args.end_to_end_backend, "--format", "json"]

        def run():
            completed = subprocess.run(command, check=True, capture_output=True, text=True)
            json.loads(completed.stdout)

        return fastest(args.repeats, run)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="rows per problem")
    parser.add_argument("--p", type=int, default=2, help="coefficients, the intercept included")
    parser.add_argument("--resamples", type=int, default=200_000, help="B")
    parser.add_argument("--scheme", choices=["cases", "wild"], default="cases")
    parser.add_argument("--jitter", type=float, default=0.0, help="half-width of the response jitter")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per peer; the fastest counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", default="all", help="trendfit bench --backend (all, cpu, opencl)")
    parser.add_argument("--trendfit", default=".build/release/trendfit", help="path to the release trendfit binary")
    parser.add_argument("--scaling", action="store_true", help="also run trendfit bench --scaling on the workload")
    parser.add_argument("--end-to-end-backend", choices=["cpu", "opencl", "none"], default="cpu",
                        help="backend of the end-to-end `trendfit bootstrap` timing (none: skip it)")
    args = parser.parse_args()
    if args.p < 2:
        sys.exit("--p must be at least 2 (an intercept and one regressor)")

    x, y = make_data(args.n, args.p, args.seed)
    rows = []
    numpy_seconds = fastest(args.repeats, lambda: numpy_bootstrap(x, y, args.resamples, args.scheme, args.jitter, args.seed))
    rows.append(("numpy " + np.__version__, numpy_seconds))
    if args.scheme == "cases" and args.jitter == 0 and args.p == 2:
        rows.append(("scipy.stats.bootstrap " + scipy.__version__,
                     fastest(args.repeats, lambda: scipy_bootstrap(x, y, args.resamples, args.seed))))
    report = trendfit_bench(args, [])
    for result in report["results"]:
        rows.append((f"trendfit bench {result['backend']} ({result['device']}), engine only", result["seconds"]))
    if args.end_to_end_backend != "none":
        end_to_end = trendfit_end_to_end(args, x, y)
        rows.append((f"trendfit bootstrap {args.end_to_end_backend}, end to end (process start to JSON)", end_to_end))

    workload = (f"n = {args.n}, p = {args.p}, B = {args.resamples}, {args.scheme}"
                + (f" + jitter ±{args.jitter}" if args.jitter else "") + f", double precision, fastest of {args.repeats}")
    print(workload)
    print(f"{'peer':<70} {'seconds':>9} {'resamples/s':>12} {'× numpy':>8}")
    for name, seconds in rows:
        rate = args.resamples / seconds
        print(f"{name:<70} {seconds:>9.4f} {rate:>12.4g} {numpy_seconds / seconds:>8.2f}")
    cpu = [r for r in report["results"] if r["backend"] == "cpu"]
    engine = [r for r in report["results"] if r["backend"] == args.end_to_end_backend]
    if args.end_to_end_backend != "none" and engine:
        print(f"end to end / engine only ({args.end_to_end_backend}): {end_to_end / engine[0]['seconds']:.2f}× the time")
    for result in report["results"]:
        if result["backend"] != "cpu" and cpu:
            print(f"{result['device']}: {result['seconds'] / cpu[0]['seconds']:.2f}× the CPU backend's time")

    if args.scaling:
        scaling = trendfit_bench(args, ["--scaling"])["scaling"]
        for check in scaling:
            verdict = "linear within 15%" if check["linearWithin15Percent"] else "NOT linear within 15%"
            print(f"scaling {check['backend']}: t(2B)/t(B) = {check['resampleRatio']:.3f}, "
                  f"t(2 problems)/t(problems) = {check['problemRatio']:.3f}: {verdict}")


if __name__ == "__main__":
    main()

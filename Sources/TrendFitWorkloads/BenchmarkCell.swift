import TrendFit

/// One workload of a benchmark grid: a problem shape, a bootstrap plan and a precision.
public struct BenchmarkCell: Sendable, Equatable {
    /// The problems.
    public let workload: SyntheticWorkload
    /// The bootstrap (its `resamples` is the B to run, or the starting B of a time-budgeted run).
    public let plan: BootstrapPlan
    /// The arithmetic precision.
    public let precision: Precision

    /// Creates a cell.
    public init(workload: SyntheticWorkload, plan: BootstrapPlan, precision: Precision) {
        self.workload = workload
        self.plan = plan
        self.precision = precision
    }

    /// Every combination of the given values, precision outermost and n innermost; the plans draw
    /// what `trendfit bootstrap` does (no replicate residual sums of squares).
    public static func grid(rows: [Int], coefficients: [Int], schemes: [BootstrapScheme], precisions: [Precision],
                            problems: Int, resamples: Int, jitter: Double, seed: UInt64) -> [BenchmarkCell] {
        precisions.flatMap { precision in
            schemes.flatMap { scheme in
                coefficients.flatMap { p in
                    rows.map { n in
                        BenchmarkCell(workload: SyntheticWorkload(rowsPerProblem: n, coefficientCount: p, problemCount: problems,
                                                                  seed: seed),
                                      plan: BootstrapPlan(scheme: scheme, resamples: resamples, seed: seed, jitter: jitter,
                                                          replicateResidualSums: false),
                                      precision: precision)
                    }
                }
            }
        }
    }
}

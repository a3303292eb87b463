/// Leave-one-out fits of a problem, for the BCa acceleration, in memory that grows with n.
public enum Jackknife {
    /// A batch holding, for each row position in `omitted`, `problem` without that row.
    public static func leaveOneOutBatch(of problem: RegressionProblem, table: DataTable,
                                        omitting omitted: Range<Int>) throws(TrendFitError) -> ProblemBatch {
        let problems = omitted.map { position in
            var reduced = problem
            reduced.rows.remove(at: position)
            return reduced
        }
        return try ProblemBatch(table: table, problems: problems)
    }

    /// Leave-one-out problems fitted per batch so that a batch's row indices (4 bytes a row, held
    /// twice: by the problems and by the packed batch) take at most a quarter of `memoryLimit`.
    public static func problemsPerBatch(rows: Int, memoryLimit: MemoryLimit) -> Int {
        max(1, memoryLimit.bytes / 4 / (2 * MemoryLayout<Int32>.stride * max(rows, 1) + 256))
    }

    /// The leave-one-out estimates of each coefficient of `problem` (fits that failed are left
    /// out), fitted on `backend` in batches of `problemsPerBatch` leave-one-out problems: memory
    /// grows with n, not n², and every fit is the one a single batch of all n would give.
    public static func estimates(of problem: RegressionProblem, table: DataTable, on backend: any RegressionBackend,
                                 precision: Precision, problemsPerBatch: Int) throws -> [[Double]] {
        var estimates = Array(repeating: [Double](), count: problem.coefficientCount)
        for start in stride(from: 0, to: problem.rows.count, by: max(1, problemsPerBatch)) {
            let omitted = start..<min(problem.rows.count, start + max(1, problemsPerBatch))
            let fits = try backend.fit(leaveOneOutBatch(of: problem, table: table, omitting: omitted), precision: precision)
            for fit in fits where fit.status == .ok {
                for j in estimates.indices { estimates[j].append(fit.coefficients[j]) }
            }
        }
        return estimates
    }
}

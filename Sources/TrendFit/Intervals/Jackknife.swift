/// Leave-one-out problems, for the BCa acceleration.
public enum Jackknife {
    /// A batch holding, for each row position of `problem`, the problem without that row.
    public static func leaveOneOutBatch(of problem: RegressionProblem, table: DataTable) throws(TrendFitError) -> ProblemBatch {
        let problems = problem.rows.indices.map { omitted in
            var reduced = problem
            reduced.rows.remove(at: omitted)
            return reduced
        }
        return try ProblemBatch(table: table, problems: problems)
    }

    /// The leave-one-out estimates of coefficient `coefficient` (fits that failed are left out).
    public static func estimates(_ fits: [FitResult], coefficient: Int) -> [Double] {
        fits.filter { $0.status == .ok }.map { $0.coefficients[coefficient] }
    }
}

/// A shared data table plus many regression problems over its rows: the unit of work of a backend.
public struct ProblemBatch: Sendable {
    /// Largest number of coefficients a problem may have (the kernels keep p×p factors in registers).
    public static let maxCoefficients = 16

    /// The shared table.
    public let table: DataTable
    /// The problems, in result order.
    public let problems: [RegressionProblem]

    /// Creates a batch, checking every column and row index and every weight.
    public init(table: DataTable, problems: [RegressionProblem]) throws(TrendFitError) {
        for (index, problem) in problems.enumerated() {
            try Self.validate(problem, index: index, in: table)
        }
        self.table = table
        self.problems = problems
    }

    /// Largest coefficient count over the problems (the stride of per-problem result arrays).
    public var coefficientStride: Int { problems.map(\.coefficientCount).max() ?? 0 }

    private static func validate(_ problem: RegressionProblem, index: Int, in table: DataTable) throws(TrendFitError) {
        let columns = [problem.response] + problem.regressors + (problem.weights.map { [$0] } ?? [])
        for column in columns where !(0..<table.columnCount).contains(column) {
            throw .invalidProblem(index: index, reason: "column index \(column) is outside the table's \(table.columnCount) columns")
        }
        guard problem.coefficientCount > 0 else {
            throw .invalidProblem(index: index, reason: "the model has no coefficients (no regressors and no intercept)")
        }
        guard problem.coefficientCount <= maxCoefficients else {
            throw .invalidProblem(index: index, reason: "\(problem.coefficientCount) coefficients; at most \(maxCoefficients) are supported")
        }
        if let stream = problem.streamIndex, !(0...Int(Int32.max)).contains(stream) {
            throw .invalidProblem(index: index, reason: "stream index \(stream) is outside 0...\(Int32.max)")
        }
        if let groups = problem.groups, groups.count != problem.rows.count {
            throw .invalidProblem(index: index, reason: "\(groups.count) group labels for \(problem.rows.count) rows")
        }
        for row in problem.rows where !(0..<Int32(table.rowCount)).contains(row) {
            throw .invalidProblem(index: index, reason: "row index \(row) is outside the table's \(table.rowCount) rows")
        }
        for row in problem.rows {
            for column in columns where !table[Int(row), column].isFinite {
                throw .invalidProblem(index: index, reason: "row \(row), column '\(table.columnNames[column])' is not finite")
            }
        }
        if let weights = problem.weights {
            for row in problem.rows where table[Int(row), weights] < 0 {
                throw .invalidProblem(index: index, reason: "row \(row) has a negative weight")
            }
        }
    }
}

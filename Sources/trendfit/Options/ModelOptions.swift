import ArgumentParser
import TrendAnalysis
import TrendFit

/// The data file and the linear model fitted to it.
struct ModelOptions: ParsableArguments {
    @Argument(help: "CSV file with a header row.")
    var file: String

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Regressor column (repeat for several).")
    var x: [String] = []

    @Flag(help: "Fit without an intercept (R² is then uncentred).")
    var noIntercept = false

    @Option(help: "Column of non-negative case weights.")
    var weights: String?

    func validate() throws {
        if x.isEmpty && noIntercept { throw ValidationError("the model needs at least one --x or an intercept") }
        if x.contains(y) { throw ValidationError("--y '\(y)' is also given as --x") }
        if Set(x).count != x.count { throw ValidationError("a --x column is given twice") }
        if x.count + (noIntercept ? 0 : 1) > ProblemBatch.maxCoefficients {
            throw ValidationError("at most \(ProblemBatch.maxCoefficients) coefficients are supported")
        }
    }

    /// Coefficient names, `(Intercept)` first.
    var terms: [String] { (noIntercept ? [] : ["(Intercept)"]) + x }

    /// Reads the file and builds the one-problem batch of the model.
    private func loadBatch() throws -> ProblemBatch {
        let columns = [y] + x + (weights.map { [$0] } ?? [])
        let table = try NumericTableReader.read(path: file, columns: columns)
        let problem = RegressionProblem(rows: (0..<Int32(table.rowCount)).map { $0 }, response: 0,
                                        regressors: Array(1...max(1, x.count)).prefix(x.count).map { $0 },
                                        hasIntercept: !noIntercept, weights: weights == nil ? nil : x.count + 1)
        return try ProblemBatch(table: table, problems: [problem])
    }

    /// Reads the file and fits the model on `engine`; a model that cannot be fitted is an error.
    func loadAndFit(on engine: any RegressionBackend, precision: Precision) throws -> (batch: ProblemBatch, fit: FitResult) {
        let batch = try loadBatch()
        let fit = try engine.fit(batch, precision: precision)[0]
        try checkFit(fit)
        return (batch, fit)
    }

    /// Turns a failed fit into an error a user can act on.
    private func checkFit(_ fit: FitResult) throws {
        switch fit.status {
        case .ok:
            return
        case .tooFewRows:
            throw CommandFailure("\(file): \(fit.n) rows with positive weight for \(terms.count) coefficients; need at least \(terms.count + 1)")
        case .rankDeficient:
            throw CommandFailure("\(file): the design is rank-deficient: the columns \(x.map { "'\($0)'" }.joined(separator: ", "))\(noIntercept ? "" : " and the intercept") are collinear (or one is constant)")
        }
    }
}

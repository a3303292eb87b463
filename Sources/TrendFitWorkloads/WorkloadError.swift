import TrendFit

/// Why a synthetic workload or a measurement request cannot run, with what to change.
public enum WorkloadError: Error, Equatable, CustomStringConvertible {
    /// The coefficient count p is outside what the engine supports.
    case coefficientCount(Int)
    /// n must exceed p for the fits to be determined.
    case tooFewRows(rows: Int, coefficients: Int)
    /// The problem count is not positive, or the table would exceed 32-bit row indices.
    case problemCount(Int, rows: Int)
    /// A time budget that is not a positive number of seconds.
    case timeBudget(Double)

    public var description: String {
        switch self {
        case .coefficientCount(let p):
            "p = \(p): a synthetic workload needs 2 to \(ProblemBatch.maxCoefficients) coefficients (the intercept included)"
        case .tooFewRows(let n, let p):
            "n = \(n) rows for p = \(p) coefficients: use more rows than coefficients"
        case .problemCount(let count, let n):
            "\(count) problems of \(n) rows: use at least 1 problem and at most \(Int32.max) rows in all"
        case .timeBudget(let seconds):
            "a time budget of \(seconds) s: give a positive number of seconds"
        }
    }
}

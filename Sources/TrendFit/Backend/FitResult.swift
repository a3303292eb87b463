/// Outcome of one least-squares fit.
public enum FitStatus: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// The fit succeeded.
    case ok = 0
    /// The design is rank-deficient (collinear or constant regressors): no unique coefficients.
    case rankDeficient = 1
    /// Fewer rows (with positive weight) than coefficients plus one.
    case tooFewRows = 2

    public var description: String {
        switch self {
        case .ok: "ok"
        case .rankDeficient: "rank-deficient"
        case .tooFewRows: "too few rows"
        }
    }
}

/// Coefficients and summary statistics of one fit, in the order `(Intercept)`, regressors.
public struct FitResult: Sendable, Equatable {
    /// Fit status; the statistics are meaningful only when `.ok`.
    public var status: FitStatus
    /// Number of rows with positive weight.
    public var n: Int
    /// Coefficient estimates.
    public var coefficients: [Double]
    /// Standard errors of the coefficients.
    public var standardErrors: [Double]
    /// Residual standard error, sqrt(RSS / (n − p)).
    public var residualStandardError: Double
    /// Coefficient of determination; centred with an intercept, uncentred without (as R and NIST).
    /// Nil when the response has no variation.
    public var rSquared: Double?

    /// Creates a fit result.
    public init(status: FitStatus, n: Int, coefficients: [Double], standardErrors: [Double],
                residualStandardError: Double, rSquared: Double?) {
        self.status = status
        self.n = n
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.residualStandardError = residualStandardError
        self.rSquared = rSquared
    }
}

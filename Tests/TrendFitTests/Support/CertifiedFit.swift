import Testing
import TrendFit

/// Reference results of one least-squares fit: coefficients, standard errors, residual SD and R².
struct CertifiedFit: Sendable {
    let coefficients: [Double]
    let standardErrors: [Double]
    let residualStandardDeviation: Double
    let rSquared: Double

    init(coefficients: [Double], standardErrors: [Double], residualStandardDeviation: Double, rSquared: Double) {
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.residualStandardDeviation = residualStandardDeviation
        self.rSquared = rSquared
    }

    /// The results of a fit computed independently (another precision, another backend).
    init(_ fit: FitResult) throws {
        self.init(coefficients: fit.coefficients, standardErrors: fit.standardErrors,
                  residualStandardDeviation: fit.residualStandardError, rSquared: try #require(fit.rSquared))
    }

    /// Expects an ok `fit` with at least `digits` correct significant digits of every value.
    func expectMatched(by fit: FitResult, digits: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fit.status == .ok, sourceLocation: sourceLocation)
        guard fit.status == .ok else { return }
        for (j, certified) in coefficients.enumerated() {
            #expect(correctDigits(fit.coefficients[j], certified) >= digits,
                    "B\(j) = \(fit.coefficients[j]), certified \(certified)", sourceLocation: sourceLocation)
            #expect(correctDigits(fit.standardErrors[j], standardErrors[j]) >= digits,
                    "SE(B\(j)) = \(fit.standardErrors[j]), certified \(standardErrors[j])", sourceLocation: sourceLocation)
        }
        #expect(correctDigits(fit.residualStandardError, residualStandardDeviation) >= digits,
                "residual SD \(fit.residualStandardError), certified \(residualStandardDeviation)", sourceLocation: sourceLocation)
        #expect(correctDigits(fit.rSquared ?? .nan, rSquared) >= digits,
                "R² \(fit.rSquared ?? .nan), certified \(rSquared)", sourceLocation: sourceLocation)
    }
}

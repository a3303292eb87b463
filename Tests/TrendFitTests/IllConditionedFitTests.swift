import Testing
import TrendFit

/// Fits beyond LAPACK's accuracy: ill-conditioned polynomial designs certified exactly
/// (`python3 scripts/certify-ill-conditioned.py`, which solves the normal equations in rationals).
///
/// Fewest correct significant digits of the coefficients in plain double precision, as the script
/// measures and stores them (`plainDoubleDigits`):
///
/// | problem | NumPy `lstsq` | Householder QR | Householder QR, centred |
/// | --- | ---: | ---: | ---: |
/// | FilipLike (degree 10, x in [−9, −3]) | 0 | 6.8 | 7.5 |
/// | Degree10Shifted (degree 10, x in [−8, −2]) | 0 | 7.9 | 8.7 |
/// | Degree8Weighted (degree 8, x in [10, 20], weights) | 0 | 8.4 | 8.1 |
/// | DatesDegree4 (degree 4, dates 2000–2025) | 0 | 5.2 | 7.0 |
/// | Offset1000Degree5 (degree 5, x in [1000, 1010]) | 0 | 4.1 | 5.2 |
/// | Offset100NoIntercept (degree 4, x in [100, 110]) | 11.0 | 11.1 | — |
@Suite struct IllConditionedFitTests {
    @Test(arguments: try CertifiedProblem.all(), TestBackends.all())
    func certifiedDigits(problem: CertifiedProblem, backend: TestBackend) throws {
        let batch = try ProblemBatch(table: problem.table, problems: [problem.problem])
        let fit = try #require(try backend.backend.fit(batch, precision: .double).first)
        #expect(fit.status == .ok)
        for (j, certified) in problem.coefficients.enumerated() {
            #expect(correctDigits(fit.coefficients[j], certified) >= 13, "B\(j) = \(fit.coefficients[j]), certified \(certified)")
            #expect(correctDigits(fit.standardErrors[j], problem.standardErrors[j]) >= 13,
                    "SE(B\(j)) = \(fit.standardErrors[j]), certified \(problem.standardErrors[j])")
        }
        #expect(correctDigits(fit.residualStandardError, problem.residualStandardDeviation) >= 13,
                "residual SD \(fit.residualStandardError), certified \(problem.residualStandardDeviation)")
        #expect(correctDigits(try #require(fit.rSquared), problem.rSquared) >= 13)
    }
}

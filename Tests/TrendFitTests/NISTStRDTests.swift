import Testing
import TrendFit

/// Certified digits on the NIST StRD linear least-squares datasets, on every backend.
@Suite struct NISTStRDTests {
    @Test(arguments: try NISTDataset.all(), TestBackends.all())
    func certifiedDigits(dataset: NISTDataset, backend: TestBackend) throws {
        let batch = try ProblemBatch(table: dataset.table, problems: [dataset.problem])
        let fit = try #require(try backend.backend.fit(batch, precision: .double).first)
        #expect(fit.status == .ok)
        #expect(fit.n == dataset.table.rowCount)
        for (j, certified) in dataset.coefficients.enumerated() {
            #expect(correctDigits(fit.coefficients[j], certified) >= 9, "B\(j) = \(fit.coefficients[j]), certified \(certified)")
            #expect(correctDigits(fit.standardErrors[j], dataset.standardErrors[j]) >= 8,
                    "SE(B\(j)) = \(fit.standardErrors[j]), certified \(dataset.standardErrors[j])")
        }
        #expect(correctDigits(fit.residualStandardError, dataset.residualStandardDeviation) >= 8,
                "residual SD \(fit.residualStandardError), certified \(dataset.residualStandardDeviation)")
        #expect(correctDigits(try #require(fit.rSquared), dataset.rSquared) >= 8)
    }
}

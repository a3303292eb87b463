import Testing
import TrendFit

/// Certified digits on the NIST StRD linear least-squares datasets, on every backend.
///
/// Measured minima (both backends): 13.2 digits of a coefficient (Wampler2), 13.8 of a standard
/// error and of a residual SD, 15.5 of R²; Householder QR gets 7–8 on the hardest designs
/// (see `IllConditionedFitTests`).
@Suite struct NISTStRDTests {
    @Test(arguments: try NISTDataset.all(), TestBackends.all())
    func certifiedDigits(dataset: NISTDataset, backend: TestBackend) throws {
        let batch = try ProblemBatch(table: dataset.table, problems: [dataset.problem])
        let fit = try #require(try backend.backend.fit(batch, precision: .double).first)
        #expect(fit.status == .ok)
        #expect(fit.n == dataset.table.rowCount)
        for (j, certified) in dataset.coefficients.enumerated() {
            #expect(correctDigits(fit.coefficients[j], certified) >= 13, "B\(j) = \(fit.coefficients[j]), certified \(certified)")
            #expect(correctDigits(fit.standardErrors[j], dataset.standardErrors[j]) >= 13,
                    "SE(B\(j)) = \(fit.standardErrors[j]), certified \(dataset.standardErrors[j])")
        }
        #expect(correctDigits(fit.residualStandardError, dataset.residualStandardDeviation) >= 13,
                "residual SD \(fit.residualStandardError), certified \(dataset.residualStandardDeviation)")
        #expect(correctDigits(try #require(fit.rSquared), dataset.rSquared) >= 13)
    }

    /// In float precision the refinement runs in float-float arithmetic: every statistic of the
    /// float-rounded data to at least 6 significant digits, against the double fit of the same
    /// rounded data. Wampler1 is left out: its data fit exactly, so its standard errors are noise.
    @Test(arguments: try NISTDataset.all().filter { $0.name != "Wampler1" }, TestBackends.all())
    func floatFitsReachSinglePrecision(dataset: NISTDataset, backend: TestBackend) throws {
        let table = dataset.table
        let rounded = try DataTable(columns: (0..<table.columnCount).map { j in
            (table.columnNames[j], table.column(j).map { Double(Float($0)) })
        })
        let batch = try ProblemBatch(table: rounded, problems: [dataset.problem])
        let float = try #require(try backend.backend.fit(batch, precision: .float).first)
        let double = try #require(try backend.backend.fit(batch, precision: .double).first)
        #expect(float.status == .ok)
        for j in dataset.coefficients.indices {
            #expect(correctDigits(float.coefficients[j], double.coefficients[j]) >= 6, "B\(j) = \(float.coefficients[j])")
            #expect(correctDigits(float.standardErrors[j], double.standardErrors[j]) >= 6, "SE(B\(j)) = \(float.standardErrors[j])")
        }
        #expect(correctDigits(float.residualStandardError, double.residualStandardError) >= 6)
        #expect(correctDigits(try #require(float.rSquared), try #require(double.rSquared)) >= 6)
    }
}

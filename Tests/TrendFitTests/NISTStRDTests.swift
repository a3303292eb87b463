import Testing
import TrendFit

/// Certified digits on the NIST StRD linear least-squares datasets, on every backend.
///
/// Measured minima (both backends): 13.2 digits of a coefficient (Wampler2), 13.8 of a standard
/// error and of a residual SD, 15.5 of R²; the Givens QR alone (commit 07ac301, before
/// refinement) got 9.6 digits of a coefficient (Wampler3) and 9.9 of a standard error (Wampler1).
/// Float fits of the float-rounded data got 0.7 (Wampler3) to 8.5 digits before refinement, now
/// 5.2 (Wampler3) to 8.5.
@Suite struct NISTStRDTests {
    @Test(arguments: try NISTDataset.all(), TestBackends.all())
    func certifiedDigits(dataset: NISTDataset, backend: TestBackend) throws {
        let batch = try ProblemBatch(table: dataset.table, problems: [dataset.problem])
        let fit = try #require(try backend.backend.fit(batch, precision: .double).first)
        #expect(fit.n == dataset.table.rowCount)
        dataset.certified.expectMatched(by: fit, digits: 13)
    }

    /// In float precision the refinement runs in float-float arithmetic: every statistic of the
    /// float-rounded data to at least 5 significant digits, against the double fit of the same
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
        try CertifiedFit(double).expectMatched(by: float, digits: 5)
    }
}

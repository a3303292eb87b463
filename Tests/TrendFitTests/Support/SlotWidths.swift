import Testing
@testable import TrendFit

/// The CPU backend's bootstrap at every width of its C code: eight replicates per call (AVX-512),
/// four (AVX2) and one at a time (`RowPass`); in single precision, case resampling with 2 to 7
/// regressors runs eight and four per call in C (`case_rows_float.c`), the other paths the
/// four-replicate Swift loops.
enum SlotWidths {
    /// The replicates of `batch` under `plan` at eight slots, after expecting the four-slot and
    /// one-at-a-time replicates bitwise equal to them (statuses, coefficients, residual sums of
    /// squares and replicate standard errors).
    static func replicates(_ batch: ProblemBatch, plan: BootstrapPlan,
                           precision: Precision = .double) throws -> BootstrapReplicates {
        let wide = try CPUBackend(replicatesPerTask: 2048, threads: 2, caseRowSlots: 8).bootstrap(batch, plan: plan, precision: precision)
        let narrow = try CPUBackend(replicatesPerTask: 2048, threads: 2, caseRowSlots: 4).bootstrap(batch, plan: plan, precision: precision)
        let single = try CPUBackend(replicatesPerTask: 1).bootstrap(batch, plan: plan, precision: precision)
        for other in [narrow, single] {
            #expect(wide.statuses == other.statuses)
            #expect(zip(wide.coefficients, other.coefficients).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(zip(wide.residualSumsOfSquares, other.residualSumsOfSquares).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(wide.standardErrors.count == other.standardErrors.count)
            #expect(zip(wide.standardErrors, other.standardErrors).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
        return wide
    }
}

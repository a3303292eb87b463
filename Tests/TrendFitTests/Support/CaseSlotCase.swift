import Testing
@testable import TrendFit

/// A case-resampling batch and plan of the slot-width tests (`CasePairSlotsTests`,
/// `FloatCaseRowSlotsTests`): nine problems of `regressors` regressors and `rows` rows drawn from 300
/// with tied values, B resamples from `firstReplicate` on.
struct CaseSlotCase: Sendable, CustomTestStringConvertible {
    let regressors: Int
    let rows: ClosedRange<Int>
    let resamples: Int
    let firstReplicate: Int
    let seed: UInt64
    let jitter: Double
    let weighted: Bool
    var hasIntercept = true
    var standardErrors = false
    /// Whether some replicates are excluded (too few distinct rows, a constant regressor, a failed pivot).
    var excludesSome = false
    var testDescription: String {
        "q=\(regressors) n=\(rows) B=\(resamples) first=\(firstReplicate) jitter=\(jitter) weighted=\(weighted)"
            + " intercept=\(hasIntercept) errors=\(standardErrors)"
    }

    /// Expects the replicates at every slot width bitwise equal (`SlotWidths`) in `precision`, with
    /// standard errors where asked, mostly valid and, where `excludesSome`, some excluded.
    func expectSlotsAgree(precision: Precision) throws {
        // Short problems with tied values draw too few distinct rows or a constant regressor now and then.
        let batch = try RandomBatches.make(rowCount: 300, regressorCount: regressors, problemCount: 9,
                                           rowsPerProblem: rows, weighted: weighted, hasIntercept: hasIntercept,
                                           tiedValues: 5, zeroWeightShare: weighted ? 0.15 : 0, seed: seed)
        let plan = BootstrapPlan(resamples: resamples, seed: seed, jitter: jitter, firstReplicate: firstReplicate,
                                 replicateStandardErrors: standardErrors)
        let wide = try SlotWidths.replicates(batch, plan: plan, precision: precision)
        #expect(wide.standardErrors.isEmpty != standardErrors)
        let valid = wide.statuses.filter { $0 == 0 }.count
        #expect(valid > wide.statuses.count / 2, "mostly valid")
        if excludesSome { #expect(valid < wide.statuses.count, "some excluded") }
    }
}

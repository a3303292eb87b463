import Testing
@testable import TrendFit

/// The case-resampling row loop with 2 to 7 regressors gives the same replicates at eight
/// replicates per vector (AVX-512), at four (AVX2) and one replicate at a time (`RowPass`).
@Suite struct CaseRowSlotsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let regressors: Int
        let jitter: Double
        let weighted: Bool
        var testDescription: String { "q=\(regressors) jitter=\(jitter) weighted=\(weighted)" }
    }

    static let cases: [Case] = [
        Case(regressors: 2, jitter: 0, weighted: false), Case(regressors: 3, jitter: 0.2, weighted: true),
        Case(regressors: 4, jitter: 0.1, weighted: false), Case(regressors: 5, jitter: 0, weighted: true),
        Case(regressors: 6, jitter: 0.3, weighted: true), Case(regressors: 7, jitter: 0, weighted: false),
        Case(regressors: 7, jitter: 0.1, weighted: true),
    ]

    @Test(arguments: cases)
    func slotsGiveTheSameReplicates(_ testCase: Case) throws {
        // Problems of a few rows more than coefficients draw too few distinct rows now and then.
        let batch = try RandomBatches.make(rowCount: 400, regressorCount: testCase.regressors, problemCount: 12,
                                           rowsPerProblem: (testCase.regressors + 2)...(testCase.regressors + 40), weighted: testCase.weighted, tiedValues: 4,
                                           zeroWeightShare: testCase.weighted ? 0.1 : 0, seed: UInt64(17 + testCase.regressors))
        // B = 45: five groups of eight, then one of four and one single replicate per problem.
        let plan = BootstrapPlan(resamples: 45, seed: 0xC0FF_EE00_0000_0007, jitter: testCase.jitter)
        let wide = try SlotWidths.replicates(batch, plan: plan)
        let valid = wide.statuses.filter { $0 == 0 }.count
        #expect(valid > wide.statuses.count / 2 && valid < wide.statuses.count, "mostly valid, some excluded")
    }
}

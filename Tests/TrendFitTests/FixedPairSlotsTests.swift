import Testing
@testable import TrendFit

/// Residual resampling and the wild bootstrap of one-regressor problems in double precision
/// (`fixed_pairs.c`) give the same replicates at eight replicates per vector (AVX-512), at four
/// (AVX2) and one replicate at a time (`RowPass`), and in single precision the four-replicate
/// Swift loop (`InterleavedRowPass`'s fixed-design pair loop) gives `RowPass`'s: bitwise, over row
/// counts, seeds, first replicates, odd B, weights (with zeros), jitter, no intercept and replicate
/// standard errors.
@Suite struct FixedPairSlotsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let scheme: BootstrapScheme
        var wildWeights: WildWeights = .rademacher
        var regressors = 1
        let rows: ClosedRange<Int>
        let resamples: Int
        let firstReplicate: Int
        let seed: UInt64
        let jitter: Double
        let weighted: Bool
        var zeroWeightShare = 0.0
        var tiedValues: Int? = nil
        var hasIntercept = true
        var standardErrors = false
        /// Whether some replicates are excluded (a failed pivot).
        var excludesSome = false
        var testDescription: String {
            "\(scheme) \(wildWeights) q=\(regressors) n=\(rows) B=\(resamples) first=\(firstReplicate) jitter=\(jitter)"
                + " weighted=\(weighted) zeros=\(zeroWeightShare) ties=\(tiedValues.map(String.init) ?? "none")"
                + " intercept=\(hasIntercept) errors=\(standardErrors)"
        }
    }

    static let cases: [Case] = [
        // B = 45: five groups of eight, then one of four and one single replicate per problem.
        Case(scheme: .residuals, rows: 2...40, resamples: 45, firstReplicate: 0, seed: 0xC0FF_EE00_0000_0011, jitter: 0,
             weighted: false),
        Case(scheme: .residuals, rows: 100...100, resamples: 67, firstReplicate: 5, seed: 3, jitter: 0, weighted: false),
        Case(scheme: .residuals, rows: 4...130, resamples: 53, firstReplicate: 1 << 20, seed: 0x5EED, jitter: 0.2,
             weighted: false, standardErrors: true),
        Case(scheme: .residuals, rows: 3...60, resamples: 61, firstReplicate: 7, seed: 41, jitter: 0, weighted: true,
             zeroWeightShare: 0.15, standardErrors: true),
        Case(scheme: .residuals, rows: 5...90, resamples: 39, firstReplicate: Int(UInt32.max) - 38,
             seed: 0xFFFF_FFFF_0000_0001, jitter: 0.1, weighted: true, zeroWeightShare: 0.15),
        Case(scheme: .residuals, rows: 2...25, resamples: 33, firstReplicate: 9, seed: 77, jitter: 0, weighted: true,
             zeroWeightShare: 0.15, hasIntercept: false, standardErrors: true),
        // Every x the same value: a failed pivot in every replicate with an intercept.
        Case(scheme: .residuals, rows: 3...30, resamples: 24, firstReplicate: 1, seed: 8, jitter: 0, weighted: false,
             tiedValues: 1, excludesSome: true),
        // Mostly zero weights: some problems' residual pools are empty (the generic path).
        Case(scheme: .residuals, rows: 1...6, resamples: 17, firstReplicate: 3, seed: 19, jitter: 0.05, weighted: true,
             zeroWeightShare: 0.7, excludesSome: true),
        Case(scheme: .wild, rows: 2...40, resamples: 45, firstReplicate: 0, seed: 0xAB, jitter: 0, weighted: false),
        Case(scheme: .wild, rows: 100...300, resamples: 27, firstReplicate: 11, seed: 4, jitter: 0, weighted: false,
             standardErrors: true),
        Case(scheme: .wild, rows: 120...140, resamples: 35, firstReplicate: Int(UInt32.max) - 34, seed: 0x5EED_0001,
             jitter: 0.3, weighted: true, zeroWeightShare: 0.15, standardErrors: true),
        Case(scheme: .wild, rows: 3...60, resamples: 21, firstReplicate: 2, seed: 55, jitter: 0, weighted: true,
             zeroWeightShare: 0.15, hasIntercept: false),
        Case(scheme: .wild, rows: 3...30, resamples: 24, firstReplicate: 6, seed: 9, jitter: 0.1, weighted: true,
             tiedValues: 1, excludesSome: true),
        // Multipliers and intercept-only problems share the pairs' design stride but not their C code.
        Case(scheme: .wild, wildWeights: .mammen, rows: 3...50, resamples: 29, firstReplicate: 2, seed: 12, jitter: 0.3,
             weighted: true),
        Case(scheme: .residuals, regressors: 0, rows: 3...50, resamples: 29, firstReplicate: 2, seed: 13, jitter: 0.3,
             weighted: true),
    ]

    @Test(arguments: cases)
    func slotsGiveTheSameReplicates(_ testCase: Case) throws {
        let batch = try RandomBatches.make(rowCount: 400, regressorCount: testCase.regressors, problemCount: 9,
                                           rowsPerProblem: testCase.rows, weighted: testCase.weighted,
                                           hasIntercept: testCase.hasIntercept, tiedValues: testCase.tiedValues,
                                           zeroWeightShare: testCase.zeroWeightShare, seed: testCase.seed)
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: testCase.resamples, seed: testCase.seed,
                                 jitter: testCase.jitter, firstReplicate: testCase.firstReplicate,
                                 wildWeights: testCase.wildWeights, replicateStandardErrors: testCase.standardErrors)
        let wide = try SlotWidths.replicates(batch, plan: plan)
        #expect(wide.standardErrors.isEmpty != testCase.standardErrors)
        let valid = wide.statuses.filter { $0 == 0 }.count
        if testCase.excludesSome {
            #expect(valid < wide.statuses.count, "some excluded")
        } else {
            #expect(valid > wide.statuses.count / 2, "mostly valid")
        }
    }

    @Test(arguments: cases)
    func singlePrecisionLoopsGiveTheSameReplicates(_ testCase: Case) throws {
        let batch = try RandomBatches.make(rowCount: 400, regressorCount: testCase.regressors, problemCount: 9,
                                           rowsPerProblem: testCase.rows, weighted: testCase.weighted,
                                           hasIntercept: testCase.hasIntercept, tiedValues: testCase.tiedValues,
                                           zeroWeightShare: testCase.zeroWeightShare, seed: testCase.seed)
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: testCase.resamples, seed: testCase.seed,
                                 jitter: testCase.jitter, firstReplicate: testCase.firstReplicate,
                                 wildWeights: testCase.wildWeights, replicateStandardErrors: testCase.standardErrors)
        let wide = try SlotWidths.replicates(batch, plan: plan, precision: .float)
        #expect(wide.standardErrors.isEmpty != testCase.standardErrors)
        #expect(wide.statuses.contains(0) != (testCase.tiedValues == 1 && testCase.hasIntercept), "valid replicates")
    }
}

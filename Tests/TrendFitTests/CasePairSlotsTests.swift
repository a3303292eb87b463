import Testing
@testable import TrendFit

/// The case bootstrap of one-regressor problems in double precision (`case_pairs.c`) gives the same
/// replicates at eight replicates per vector (AVX-512), at four (AVX2) and one replicate at a time
/// (`RowPass`): bitwise, over row counts, seeds, first replicates, odd B, weights, jitter and
/// replicate standard errors.
@Suite struct CasePairSlotsTests {
    typealias Case = CaseSlotCase

    static let cases: [Case] = [
        // B = 45: five groups of eight, then one of four and one single replicate per problem.
        Case(regressors: 1, rows: 3...40, resamples: 45, firstReplicate: 0, seed: 0xC0FF_EE00_0000_0011, jitter: 0,
             weighted: false, excludesSome: true),
        Case(regressors: 1, rows: 100...100, resamples: 67, firstReplicate: 5, seed: 3, jitter: 0, weighted: false),
        Case(regressors: 1, rows: 4...130, resamples: 53, firstReplicate: 1 << 20, seed: 0x5EED, jitter: 0.2,
             weighted: false, standardErrors: true),
        Case(regressors: 1, rows: 3...60, resamples: 61, firstReplicate: 7, seed: 41, jitter: 0, weighted: true,
             standardErrors: true),
        Case(regressors: 1, rows: 5...90, resamples: 39, firstReplicate: Int(UInt32.max) - 38, seed: 0xFFFF_FFFF_0000_0001,
             jitter: 0.1, weighted: true),
        Case(regressors: 1, rows: 2...25, resamples: 33, firstReplicate: 9, seed: 77, jitter: 0, weighted: true,
             hasIntercept: false, standardErrors: true, excludesSome: true),
        // Intercept-only problems share the pairs' design stride but not their C code: eight slots run
        // as two groups of four.
        Case(regressors: 0, rows: 3...50, resamples: 29, firstReplicate: 2, seed: 12, jitter: 0.3, weighted: true),
    ]

    @Test(arguments: cases)
    func slotsGiveTheSameReplicates(_ testCase: Case) throws {
        try testCase.expectSlotsAgree(precision: .double)
    }
}

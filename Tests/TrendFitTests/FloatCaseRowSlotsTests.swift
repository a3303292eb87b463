import Testing
@testable import TrendFit

/// The case bootstrap of problems with 2 to 7 regressors in single precision (`case_rows_float.c`)
/// gives the same replicates at eight replicates per 256-bit vector, at four per 128-bit vector and
/// one replicate at a time (`RowPass`): bitwise, over row counts, seeds, first replicates up to
/// 2³², odd B, weights with zeros, jitter, no intercept and replicate standard errors.
@Suite struct FloatCaseRowSlotsTests {
    typealias Case = CaseSlotCase

    static let cases: [Case] = [
        // B = 45: five groups of eight, then one of four and one single replicate per problem.
        Case(regressors: 2, rows: 4...40, resamples: 45, firstReplicate: 0, seed: 0xC0FF_EE00_0000_0021, jitter: 0,
             weighted: false, excludesSome: true),
        Case(regressors: 3, rows: 100...100, resamples: 67, firstReplicate: 5, seed: 3, jitter: 0, weighted: false),
        Case(regressors: 2, rows: 5...130, resamples: 53, firstReplicate: 1 << 20, seed: 0x5EED, jitter: 0.2,
             weighted: false, standardErrors: true),
        Case(regressors: 3, rows: 5...60, resamples: 61, firstReplicate: 7, seed: 41, jitter: 0, weighted: true,
             standardErrors: true),
        Case(regressors: 4, rows: 6...90, resamples: 39, firstReplicate: Int(UInt32.max) - 38,
             seed: 0xFFFF_FFFF_0000_0001, jitter: 0.1, weighted: true),
        Case(regressors: 3, rows: 4...25, resamples: 33, firstReplicate: 9, seed: 77, jitter: 0, weighted: true,
             hasIntercept: false, standardErrors: true, excludesSome: true),
        Case(regressors: 5, rows: 7...80, resamples: 45, firstReplicate: 3, seed: 19, jitter: 0.3, weighted: true,
             standardErrors: true),
        Case(regressors: 7, rows: 9...120, resamples: 45, firstReplicate: 1 << 31, seed: 0xABCD, jitter: 0.1,
             weighted: false, hasIntercept: false),
    ]

    @Test(arguments: cases)
    func slotsGiveTheSameReplicates(_ testCase: Case) throws {
        try testCase.expectSlotsAgree(precision: .float)
    }
}

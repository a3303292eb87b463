import Testing
import TrendFit

/// The centred design both backends read: layout, centring, padding and weights.
@Suite struct CentredDesignTests {
    @Test func rowsAreCentredPaddedAndInProblemOrder() throws {
        let table = try DataTable(columns: [("x", [2000, 2001, 2002, 2003]), ("z", [1, 2, 3, 4]), ("y", [10, 20, 30, 40]),
                                            ("w", [1, 2, 1, 2])])
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: [3, 1], response: 2, regressors: [0]),
            RegressionProblem(rows: [0, 2, 2], response: 2, regressors: [0, 1], weights: 3),
        ])
        let packed = PackedBatch(batch)
        let shifts = Array(repeating: 0.0, count: 2 * KernelABI.shiftStride)
            .enumerated().map { $0.offset == 0 ? 2002.0 : $0.offset == KernelABI.shiftStride ? 2001.0 : 0 }
        let design = CentredDesign(batch: packed, table: table.values, shifts: shifts)
        #expect(design.stride == 4)
        #expect(design.values == [1, 40, 0, 0, /**/ -1, 20, 0, 0, /**/ -1, 1, 10, 0, /**/ 1, 3, 30, 0, /**/ 1, 3, 30, 0])
        #expect(design.weights == [1, 1, 1, 1, 1])
    }

    @Test func strideIsThePowerOfTwoHoldingTheWidth() {
        #expect([1, 2, 3, 4, 5, 8, 9, 17].map(KernelABI.designStride(forWidth:)) == [2, 2, 4, 4, 8, 8, 16, 32])
    }
}

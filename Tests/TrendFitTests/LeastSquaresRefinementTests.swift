import Testing
@testable import TrendFit

/// The refinement's stopping rule, on y = x through the origin (G = [Σx²] = [2], solution 1)
/// preconditioned by a factor R chosen to make the iteration converge or diverge.
@Suite struct LeastSquaresRefinementTests {
    /// The refined solution from `start` when the preconditioner is P = r².
    static func solve(factor r: Double, from start: Double) throws -> Double {
        let table = try DataTable(columns: [("y", [1, 1]), ("x", [1, 1])])
        let packed = PackedBatch(try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: [0, 1], response: 0, regressors: [1], hasIntercept: false),
        ]))
        return packed.table.withUnsafeBufferPointer { tablePointer in
            packed.rowIndices.withUnsafeBufferPointer { rowPointer in
                let rows = ProblemRows(table: tablePointer.baseAddress!, tableRowCount: packed.tableRowCount,
                                       rowIndices: rowPointer.baseAddress!, descriptor: packed.descriptor(0))
                let refinement = LeastSquaresRefinement(rows, means: [0, 0], weightSum: 2, factor: [r, 0, 0, 0])
                return refinement.solve(refinement.moments, from: [DoubleWord(start)])[0].hi
            }
        }
    }

    /// P⁻¹G = 2/1.99: corrections shrink by about 200 each step, down to the exact solution.
    @Test func convergesToTheExactSolution() throws {
        #expect(try Self.solve(factor: 1.99.squareRoot(), from: 0.5) == 1)
    }

    /// P⁻¹G = 100: the first correction's successor is larger, so the start is kept.
    @Test func keepsTheStartWhenCorrectionsGrow() throws {
        #expect(try Self.solve(factor: 0.02.squareRoot(), from: 0.5) == 0.5)
    }
}

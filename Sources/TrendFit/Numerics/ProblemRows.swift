/// Read access to the rows of one packed problem, in the precision of the computation.
///
/// Variable `j` of the problem is regressor `j` for `j < regressorCount` and the response for
/// `j == regressorCount`, the same numbering the kernels use.
struct ProblemRows<Real: KernelScalar> {
    let table: UnsafePointer<Real>
    let tableRowCount: Int
    let rows: UnsafePointer<Int32>
    let rowCount: Int
    let hasIntercept: Bool
    let regressorCount: Int
    let weightColumn: Int
    /// Column of each variable: regressors then the response.
    let variableColumns: [Int]

    init(table: UnsafePointer<Real>, tableRowCount: Int, rowIndices: UnsafePointer<Int32>, descriptor: ProblemDescriptor) {
        self.table = table
        self.tableRowCount = tableRowCount
        rows = rowIndices + descriptor.rowStart
        rowCount = descriptor.rowCount
        hasIntercept = descriptor.hasIntercept
        regressorCount = descriptor.regressors.count
        weightColumn = descriptor.weights ?? -1
        variableColumns = descriptor.regressors + [descriptor.response]
    }

    /// Number of coefficients.
    var coefficientCount: Int { regressorCount + (hasIntercept ? 1 : 0) }

    /// Table row of the problem's `position`-th row.
    @inline(__always) func tableRow(_ position: Int) -> Int { Int(rows[position]) }

    /// Value of variable `variable` at table row `row`.
    @inline(__always) func value(row: Int, variable: Int) -> Real {
        table[variableColumns[variable] * tableRowCount + row]
    }

    /// Case weight of table row `row` (1 without weights).
    @inline(__always) func weight(row: Int) -> Real {
        weightColumn < 0 ? 1 : table[weightColumn * tableRowCount + row]
    }
}

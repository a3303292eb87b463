import Testing
import TrendFit

/// Bad problems are rejected up front with a message naming the problem and what is wrong.
@Suite struct ProblemBatchValidationTests {
    static let table = try! DataTable(columns: [("x", [1, 2, 3, 4]), ("y", [2, 4, 5, 9]), ("w", [1, -1, 1, 1])])

    @Test func rejectsOutOfRangeColumnsRowsAndNegativeWeights() {
        let cases: [(RegressionProblem, String)] = [
            (RegressionProblem(rows: [0, 1, 2], response: 5, regressors: [0]), "column index 5"),
            (RegressionProblem(rows: [0, 9], response: 1, regressors: [0]), "row index 9"),
            (RegressionProblem(rows: [0, 1, 2], response: 1, regressors: [0], weights: 2), "negative weight"),
            (RegressionProblem(rows: [0, 1], response: 1, regressors: [], hasIntercept: false), "no coefficients"),
        ]
        for (problem, message) in cases {
            let error = #expect(throws: TrendFitError.self) {
                try ProblemBatch(table: Self.table, problems: [problem])
            }
            #expect(error?.description.contains(message) == true, "\(String(describing: error)) should mention '\(message)'")
        }
    }

    @Test func nonFiniteValuesAreRejected() throws {
        let table = try DataTable(columns: [("x", [1, .nan, 3]), ("y", [1, 2, 3])])
        #expect(throws: TrendFitError.self) {
            try ProblemBatch(table: table, problems: [RegressionProblem(rows: [0, 1, 2], response: 1, regressors: [0])])
        }
    }

    @Test(arguments: TestBackends.all())
    func fitStatusesForDegenerateDesigns(_ backend: TestBackend) throws {
        let table = try DataTable(columns: [("x", [1, 2, 3, 4]), ("z", [2, 4, 6, 8]), ("c", [5, 5, 5, 5]), ("y", [2, 4, 5, 9])])
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: [0, 1, 2, 3], response: 3, regressors: [0, 1]),  // collinear
            RegressionProblem(rows: [0, 1, 2, 3], response: 3, regressors: [2]),     // constant regressor
            RegressionProblem(rows: [0, 1], response: 3, regressors: [0]),           // n = p
            RegressionProblem(rows: [0, 1, 2, 3], response: 3, regressors: [0]),     // fine
        ])
        let fits = try backend.backend.fit(batch, precision: .double)
        #expect(fits.map(\.status) == [.rankDeficient, .rankDeficient, .tooFewRows, .ok])
        #expect(fits[3].coefficients.count == 2 && fits[3].coefficients.allSatisfy { $0.isFinite })
    }
}

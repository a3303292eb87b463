import Testing
import TrendFit

/// R² as the README states it (R's `summary.lm`): 1 − Σwe²/Σw(y − ȳ_w)² with an intercept (ȳ_w
/// the weighted mean; w = 1 without weights), 1 − Σwe²/Σwy² (uncentred) without one. References:
/// NumPy `lstsq` on √w-scaled rows and those formulas.
@Suite struct RSquaredConventionTests {
    static let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let y = [2.1, 3.9, 6.2, 7.8, 10.5, 11.7, 14.9, 15.2]
    static let w = [1, 2, 0.5, 1, 3, 1, 0.25, 2]

    @Test(arguments: [(true, false, 0.9888187229804667), (true, true, 0.990146885255517),
                      (false, false, 0.9976930998748252), (false, true, 0.9979365706213139)])
    func rSquared(intercept: Bool, weighted: Bool, expected: Double) throws {
        let table = try DataTable(columns: [("x", Self.x), ("y", Self.y), ("w", Self.w)])
        let problem = RegressionProblem(rows: Array(0..<8), response: 1, regressors: [0], hasIntercept: intercept,
                                        weights: weighted ? 2 : nil)
        for backend in TestBackends.all() {
            let fit = try backend.backend.fit(ProblemBatch(table: table, problems: [problem]), precision: .double)[0]
            let value = try #require(fit.rSquared)
            #expect(abs(value - expected) <= 1e-13, "\(backend.backend.name): \(value) vs \(expected)")
        }
    }
}

/// Least-squares fit of one problem by Givens QR of the centred design, one row at a time.
///
/// Pass 1 takes the weighted means; pass 2 rotates each centred, √w-scaled row
/// `[x₁ − x̄₁, …, x_q − x̄_q, y − ȳ]` into an upper-triangular (q+1)×(q+1) factor whose last
/// column holds Qᵀy and whose last diagonal entry is ±√RSS (Gentleman's updating, without the
/// square-root-free variant). Pass 3 accumulates the normal equations in double-word arithmetic
/// and refines the QR solution and the standard errors beyond working precision, pass 4 sums the
/// squares of the double-word residuals (`LeastSquaresRefinement`). Without an intercept nothing
/// is centred and R² is uncentred, as in R and the NIST StRD. `Kernels/fit.cl` performs the same
/// operations in the same order.
struct StreamingQRFit<Real: KernelScalar> {
    /// The fitted problem's outputs.
    struct Output {
        var status: FitStatus = .tooFewRows
        var n = 0
        var coefficients: [Real] = []
        var standardErrors: [Real] = []
        var residualStandardError: Real = 0
        var rSquared: Real = 0
        /// Means used for centring (zero without intercept), variables then response.
        var means: [Real] = []
        /// Inverse of the regressors' triangular factor, row-major q×q.
        var inverseFactor: [Real] = []
        /// Sum of weights.
        var weightSum: Real = 0
        /// The refined solution in centred form: `z₀` (with intercept) then the slopes, so that
        /// ŷ = m_y + z₀ + Σ zⱼ (xⱼ − mⱼ) (see `LeastSquaresRefinement`).
        var solution: [DoubleWord<Real>] = []

        /// The residual `y − ŷ` and the fitted value ŷ at a table row of the fitted problem,
        /// each rounded once from double-word arithmetic (no cancellation for large offsets).
        func residualAndFittedValue(_ rows: ProblemRows<Real>, row: Int) -> (residual: Real, fitted: Real) {
            let residual = LeastSquaresRefinement.residual(rows, row: row, solution: solution, means: means)
            return (residual.hi, (DoubleWord(rows.value(row: row, variable: rows.regressorCount)) - residual).hi)
        }
    }

    /// Fits the problem.
    static func fit(_ rows: ProblemRows<Real>) -> Output {
        let q = rows.regressorCount
        let width = q + 1
        let p = rows.coefficientCount
        var output = Output()
        output.coefficients = Array(repeating: 0, count: p)
        output.standardErrors = Array(repeating: 0, count: p)

        // Pass 1: weight sum, rows with positive weight, weighted means.
        var weightSum: Real = 0
        var positiveRows = 0
        var means = Array(repeating: Real(0), count: width)
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let w = rows.weight(row: row)
            if w > 0 { positiveRows += 1 }
            weightSum += w
            for j in 0..<width { means[j] += w * rows.value(row: row, variable: j) }
        }
        output.n = positiveRows
        output.weightSum = weightSum
        guard positiveRows > p else { return output }
        for j in 0..<width { means[j] = rows.hasIntercept ? means[j] / weightSum : 0 }
        output.means = means

        // Pass 2: rotate the centred rows into R; column norms for the rank test.
        var factor = Array(repeating: Real(0), count: width * width)
        var columnNormSquares = Array(repeating: Real(0), count: width)
        var incoming = Array(repeating: Real(0), count: width)
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let scale = rows.weightColumn < 0 ? 1 : rows.weight(row: row).squareRoot()
            for j in 0..<width {
                incoming[j] = scale * (rows.value(row: row, variable: j) - means[j])
                columnNormSquares[j] += incoming[j] * incoming[j]
            }
            rotateRow(&incoming, into: &factor, width: width)
        }

        for j in 0..<q {
            let diagonal = abs(factor[j * width + j])
            if columnNormSquares[j] == 0 || diagonal <= Real.rankTolerance * columnNormSquares[j].squareRoot() {
                output.status = .rankDeficient
                return output
            }
        }

        // Back-substitution for the slopes: the refinement's starting point.
        var slopes = Array(repeating: Real(0), count: q)
        for j in stride(from: q - 1, through: 0, by: -1) {
            var sum = factor[j * width + q]
            for k in (j + 1)..<q { sum -= factor[j * width + k] * slopes[k] }
            slopes[j] = sum / factor[j * width + j]
        }

        // Refinement of the QR solution; standard errors from the refined diagonal of G⁻¹.
        let offset = rows.hasIntercept ? 1 : 0
        let refinement = LeastSquaresRefinement(rows, means: means, weightSum: weightSum, factor: factor)
        var start = Array(repeating: DoubleWord<Real>(0), count: p)
        for j in 0..<q { start[offset + j] = DoubleWord(slopes[j]) }
        let solution = refinement.solve(refinement.moments, from: start)
        output.solution = solution
        let rss = refinement.residualSumOfSquares(rows, solution: solution)
        let variance = rss / Real(positiveRows - p)
        let tss = columnNormSquares[q]
        output.residualStandardError = variance.squareRoot()
        output.rSquared = tss > 0 ? 1 - rss / tss : .nan
        for j in 0..<q {
            var unit = Array(repeating: Real(0), count: p)
            unit[offset + j] = 1
            let column = refinement.solve(unit)
            output.coefficients[offset + j] = solution[offset + j].hi
            output.standardErrors[offset + j] = (variance * column[offset + j].hi).squareRoot()
        }
        if rows.hasIntercept {
            // b₀ = m_y + z₀ − Σ bⱼ mⱼ, and Var(b₀) = σ² vᵀG⁻¹v with v = (1, −m₁, …, −m_q).
            var intercept = DoubleWord(means[q]) + solution[0]
            for j in 0..<q { intercept = intercept - solution[1 + j] * means[j] }
            let contrast = [1] + means[0..<q].map { -$0 }
            let column = refinement.solve(contrast)
            var varianceFactor = DoubleWord<Real>(0)
            for a in 0..<p { varianceFactor = varianceFactor + column[a] * contrast[a] }
            output.coefficients[0] = intercept.hi
            output.standardErrors[0] = (variance * varianceFactor.hi).squareRoot()
        }

        // Inverse of the regressors' factor, column by column (leverages of the bootstrap's inputs).
        var inverse = Array(repeating: Real(0), count: q * q)
        for j in 0..<q {
            inverse[j * q + j] = 1 / factor[j * width + j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var sum: Real = 0
                for k in i..<j { sum += inverse[i * q + k] * factor[k * width + j] }
                inverse[i * q + j] = -sum / factor[j * width + j]
            }
        }
        output.inverseFactor = inverse
        output.status = .ok
        return output
    }

    /// Rotates `incoming` into the upper-triangular `factor` (row-major, `width`×`width`).
    @inline(__always)
    static func rotateRow(_ incoming: inout [Real], into factor: inout [Real], width: Int) {
        for j in 0..<width {
            let a = incoming[j]
            if a == 0 { continue }
            let r = factor[j * width + j]
            if r == 0 {
                for k in j..<width { factor[j * width + k] = incoming[k] }
                return
            }
            let hypotenuse = (r * r + a * a).squareRoot()
            let c = r / hypotenuse
            let s = a / hypotenuse
            factor[j * width + j] = hypotenuse
            for k in (j + 1)..<width {
                let t = factor[j * width + k]
                factor[j * width + k] = c * t + s * incoming[k]
                incoming[k] = c * incoming[k] - s * t
            }
        }
    }
}

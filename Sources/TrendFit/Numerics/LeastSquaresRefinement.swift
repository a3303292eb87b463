/// Iterative refinement of a least-squares fit beyond working precision: the normal equations
/// accumulated in double-word arithmetic, corrections solved with the Givens QR factor.
///
/// The refined system is `G z = Aᵀ W y_c` for the design `A = [1, x − m]` (without intercept
/// `A = x`), where `m` are the fit's means and `y_c = y − m_y`; every `x − m` and `y − m_y` is
/// exact as a double-word, so G and the right-hand side carry no rounding of the data, only the
/// O(u²) rounding of double-word products and compensated sums (`CompensatedSum`). Each step forms the residual `Aᵀ W y_c − G z` (that is
/// `Aᵀ W r`, r = y − ŷ) in double-word arithmetic and solves `P δ = residual` with
/// `P = diag(W, RᵀR)`, R the QR factor of the centred rows: iterated corrected semi-normal
/// equations with the residual in extra precision (Björck, "Numerical Methods for Least Squares
/// Problems", SIAM 1996, §2.7.4 and §6.6; Higham, "Accuracy and Stability of Numerical
/// Algorithms", 2nd ed. 2002, §20.5 on refinement for least squares and §12.1 on residuals in extra
/// precision). R is the exact factor of a design within O(u) of A column by column, so
/// `P⁻¹G − I ≈ R⁻¹ (R⁻ᵀ ΔAᵀ Q) R` is similar to a matrix of norm O(u·κ), κ the condition number of
/// the column-scaled design: the corrections contract by about u·κ per step (not u·κ², the bound
/// on the norm) and the fixed point solves the double-word normal equations, whose error is
/// O(u²·κ²). The certified problems of `scripts/certify-ill-conditioned.py` (κ up to 2.4·10⁹,
/// which the script prints) reach 13 or more digits. The standard errors come from the diagonal
/// of G⁻¹ refined the same way, the residual sum of squares from double-word residuals.
///
/// Refining the normal equations rather than the augmented system [I A; Aᵀ 0] (Björck 1967)
/// fixes the same point, Aᵀ W r = 0, and keeps nothing per row: the OpenCL fit holds G, not a
/// residual vector, and needs no Q. Refinement stops when a correction's size `δᵀPδ` (the change
/// of the fitted values) no longer falls by at least 4 (its norm by 2), and returns the iterate
/// with the smallest measured correction, so a design too ill-conditioned to converge keeps its QR
/// solution. In float precision the same steps run in float-float arithmetic.
/// `Kernels/fit.cl` performs the same operations in the same order.
public struct LeastSquaresRefinement<Real: KernelScalar> {
    /// Most corrections per solve (`REFINEMENT_STEPS` in the kernels).
    public static var maxSteps: Int { 10 }

    /// Unknowns: the intercept (if any) then the slopes.
    let size: Int
    let hasIntercept: Bool
    let regressorCount: Int
    /// The QR factor (row-major, `regressorCount + 1` wide) of the centred, √w-scaled rows.
    let factor: [Real]
    let weightSum: Real
    let means: [Real]
    /// G, row-major `size`×`size`.
    private(set) var gram: [DoubleWord<Real>]
    /// Aᵀ W y_c.
    private(set) var moments: [DoubleWord<Real>]

    /// Accumulates G and Aᵀ W y_c over the problem's rows in one pass (double-word terms,
    /// compensated sums).
    ///
    /// Per row, `[aᵢ, y_c]` is scaled by wᵢ once (not at all without weights) and each entry adds
    /// `wᵢ a_ia · [aᵢ, y_c]_b`; the intercept's entries add `wᵢ [aᵢ, y_c]_b` with no product.
    init(_ rows: ProblemRows<Real>, means: [Real], weightSum: Real, factor: [Real]) {
        hasIntercept = rows.hasIntercept
        regressorCount = rows.regressorCount
        size = rows.coefficientCount
        self.factor = factor
        self.weightSum = weightSum
        self.means = means
        var gramSums = Array(repeating: CompensatedSum<Real>(), count: size * size)
        var momentSums = Array(repeating: CompensatedSum<Real>(), count: size)
        let ones = size - regressorCount
        let weighted = rows.weightColumn >= 0
        // The row [aᵢ, y_c] and its weighted copy.
        var design = Array(repeating: DoubleWord<Real>(1), count: size + 1)
        var scaled = design
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let w = rows.weight(row: row)
            for b in 0...size {
                if b >= ones { design[b] = Self.centred(rows, row: row, variable: b - ones, means: means) }
                scaled[b] = weighted ? design[b] * w : design[b]
            }
            for a in 0..<size {
                for b in a...size {
                    let term = a < ones ? scaled[b] : scaled[a] * design[b]
                    if b == size {
                        momentSums[a].add(term)
                    } else {
                        gramSums[a * size + b].add(term)
                    }
                }
            }
        }
        gram = gramSums.map(\.value)
        moments = momentSums.map(\.value)
        for a in 0..<size {
            for b in 0..<a { gram[a * size + b] = gram[b * size + a] }
        }
    }

    /// `value − mean` of a variable at a table row, exactly.
    @inline(__always)
    static func centred(_ rows: ProblemRows<Real>, row: Int, variable: Int, means: [Real]) -> DoubleWord<Real> {
        DoubleWord.sum(rows.value(row: row, variable: variable), -means[variable])
    }

    /// The solution of `G z = rhs`, refined from `start`.
    func solve(_ rhs: [DoubleWord<Real>], from start: [DoubleWord<Real>]) -> [DoubleWord<Real>] {
        var solution = start
        var best = start
        var previousSize = Real.infinity
        var residual = Array(repeating: Real(0), count: size)
        for _ in 0..<Self.maxSteps {
            for a in 0..<size {
                var sum = rhs[a]
                for b in 0..<size { sum = sum - gram[a * size + b] * solution[b] }
                residual[a] = sum.hi
            }
            let (step, stepSize) = correction(residual)
            if !(stepSize < previousSize) { break }
            best = solution
            if stepSize == 0 || stepSize > previousSize / 4 { break }
            previousSize = stepSize
            for a in 0..<size { solution[a] = solution[a] + step[a] }
        }
        return best
    }

    /// `P⁻¹ v` and its size `vᵀP⁻¹v`, with `P = diag(W, RᵀR)` (R alone without intercept).
    func correction(_ vector: [Real]) -> (step: [Real], size: Real) {
        let q = regressorCount
        let width = q + 1
        let offset = size - q
        var step = Array(repeating: Real(0), count: size)
        var stepSize: Real = 0
        if hasIntercept {
            step[0] = vector[0] / weightSum
            stepSize += vector[0] * step[0]
        }
        // Rᵀh = v (forward substitution), then R s = h (back-substitution).
        var h = Array(repeating: Real(0), count: q)
        for j in 0..<q {
            var sum = vector[offset + j]
            for k in 0..<j { sum -= factor[k * width + j] * h[k] }
            h[j] = sum / factor[j * width + j]
            stepSize += h[j] * h[j]
        }
        for j in stride(from: q - 1, through: 0, by: -1) {
            var sum = h[j]
            for k in (j + 1)..<q { sum -= factor[j * width + k] * step[offset + k] }
            step[offset + j] = sum / factor[j * width + j]
        }
        return (step, stepSize)
    }

    /// The refined inverse of G applied to `vector`, starting from `P⁻¹ vector`.
    func solve(_ vector: [Real]) -> [DoubleWord<Real>] {
        solve(vector.map { DoubleWord($0) }, from: correction(vector).step.map { DoubleWord($0) })
    }

    /// Σ wᵢ rᵢ² with the residuals `y_c − A z` in double-word arithmetic.
    func residualSumOfSquares(_ rows: ProblemRows<Real>, solution: [DoubleWord<Real>]) -> Real {
        let weighted = rows.weightColumn >= 0
        var sum = CompensatedSum<Real>()
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let residual = Self.residual(rows, row: row, solution: solution, means: means)
            let square = residual * residual
            sum.add(weighted ? square * rows.weight(row: row) : square)
        }
        return sum.value.hi
    }

    /// The residual `y − ŷ` at a table row for a solution `z` of the refined system, in
    /// double-word arithmetic: `(y − m_y) − z₀ − Σ zⱼ (xⱼ − mⱼ)` (no z₀ without intercept).
    static func residual(_ rows: ProblemRows<Real>, row: Int, solution: [DoubleWord<Real>], means: [Real]) -> DoubleWord<Real> {
        let offset = rows.hasIntercept ? 1 : 0
        var residual = centred(rows, row: row, variable: rows.regressorCount, means: means)
        if rows.hasIntercept { residual = residual - solution[0] }
        for j in 0..<rows.regressorCount {
            residual = residual - solution[offset + j] * centred(rows, row: row, variable: j, means: means)
        }
        return residual
    }
}

import TrendFit

/// The work of one bootstrap resample of one problem, counted from `Kernels/bootstrap.cl`.
///
/// With n rows, q regressors, width w = q + 1 (regressors and response):
/// - Philox blocks: ⌈n/4⌉ row-index blocks (cases, residuals) or ⌈n/128⌉ sign blocks (wild),
///   plus ⌈n/4⌉ jitter blocks with jitter.
/// - Gathered reads: values read at a drawn index: n design rows (cases), n residuals
///   (residuals), none (wild).
/// - Flops per row: w² + 2w + 2 (response centring 1, weight sum 1, w sums, w(w+1)/2
///   multiply-adds of the upper cross-product triangle), + w weight products when weighted,
///   + 1 for fitted + residual (residuals, wild), + 4 for the jitter (scale, offset, times a, add).
/// - Flops per solve (square roots and divisions count one each):
///   2q + q(q + 3) + Σⱼ₌₀^{q−1} (2j + 1)(q + 1 − j) + q² + q for equilibration, scaling, Cholesky,
///   back-substitution and unscaling, + w + w(w + 1) + 3q + 1 with an intercept (means,
///   centring, intercept).
/// The regressors' centring (x − shift) is done once per problem on the host, not per resample.
public struct ResampleCost: Sendable, Equatable, Codable {
    /// Philox4x32-10 blocks drawn.
    public let philoxBlocks: Int
    /// Rows in the resample (n).
    public let rowsDrawn: Int
    /// Values read at a randomly drawn index.
    public let gatheredReads: Int
    /// Floating-point operations: accumulation over the rows plus the solve.
    public let flops: Int

    /// Counts the work of a resample of a problem of `rows` rows and `regressors` regressors.
    public init(rows n: Int, regressors q: Int, hasIntercept: Bool, weighted: Bool, scheme: BootstrapScheme, jitter: Bool) {
        let w = q + 1
        let blocks = (n + 3) / 4
        philoxBlocks = (scheme == .wild ? (n + 127) / 128 : blocks) + (jitter ? blocks : 0)
        rowsDrawn = n
        gatheredReads = scheme == .wild ? 0 : n
        var perRow = w * w + 2 * w + 2
        if weighted { perRow += w }
        if scheme != .cases { perRow += 1 }
        if jitter { perRow += 4 }
        flops = n * perRow + Self.solveFlops(regressors: q, hasIntercept: hasIntercept)
    }

    /// Counts the work of one resample of a synthetic workload's problems under `plan`.
    public init(_ workload: SyntheticWorkload, plan: BootstrapPlan) {
        self.init(rows: workload.rowsPerProblem, regressors: workload.regressorCount, hasIntercept: true,
                  weighted: false, scheme: plan.scheme, jitter: plan.jitter != 0)
    }

    /// Flops of the replicate solve for `q` regressors.
    static func solveFlops(regressors q: Int, hasIntercept: Bool) -> Int {
        let w = q + 1
        let cholesky = (0..<q).reduce(0) { $0 + (2 * $1 + 1) * (q + 1 - $1) }
        let centring = hasIntercept ? w + w * (w + 1) + 3 * q + 1 : 0
        return 2 * q + q * (q + 3) + cholesky + q * q + q + centring
    }
}

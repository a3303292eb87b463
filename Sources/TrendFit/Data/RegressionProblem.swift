/// One least-squares problem of a batch: which rows of the shared table it uses and its model.
///
/// The model is `response ~ (intercept) + regressors`, optionally weighted. Rows may repeat
/// (a row listed twice counts twice); problems are never copied per resample.
public struct RegressionProblem: Sendable, Hashable {
    /// Row indices into the batch's table.
    public var rows: [Int32]
    /// Column index of the response.
    public var response: Int
    /// Column indices of the regressors, in coefficient order.
    public var regressors: [Int]
    /// Whether the model has an intercept (reported first, as `(Intercept)`).
    public var hasIntercept: Bool
    /// Column index of non-negative case weights, or nil for unit weights.
    public var weights: Int?
    /// Index of the problem's bootstrap stream, or nil for `plan.firstProblem` + its batch position.
    /// Problems with the same rows and stream index draw the same resamples (as the candidate
    /// models of a breakpoint search must); a sweep sets it so no chunking changes a stream.
    public var streamIndex: Int?
    /// Group label of each listed row (a stratum or a cluster, see `CaseGrouping`), or nil for none;
    /// used only by plans that resample by group.
    public var groups: [Int32]?

    /// Creates a problem.
    public init(rows: [Int32], response: Int, regressors: [Int], hasIntercept: Bool = true, weights: Int? = nil,
                streamIndex: Int? = nil, groups: [Int32]? = nil) {
        self.rows = rows
        self.response = response
        self.regressors = regressors
        self.hasIntercept = hasIntercept
        self.weights = weights
        self.streamIndex = streamIndex
        self.groups = groups
    }

    /// Number of coefficients: the regressors plus the intercept if any.
    public var coefficientCount: Int { regressors.count + (hasIntercept ? 1 : 0) }
}

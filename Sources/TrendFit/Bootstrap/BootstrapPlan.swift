/// What a bootstrap call draws: scheme, number of resamples, seed and exclusion rules.
public struct BootstrapPlan: Sendable, Equatable {
    /// Largest `minimumDistinctRows` supported (the kernels track distinct rows in registers).
    public static let maxMinimumDistinctRows = 32
    /// Default number of resamples per problem.
    public static let defaultResamples = 1000
    /// Default seed of the resampling streams.
    public static let defaultSeed: UInt64 = 2022
    /// Default `minimumDistinctRows`: zero, the problem's coefficient count.
    public static let defaultMinimumDistinctRows = 0

    /// Resampling scheme.
    public var scheme: BootstrapScheme
    /// Distribution of the wild scheme's multipliers (ignored by the other schemes).
    public var wildWeights: WildWeights
    /// Resamples per problem (B).
    public var resamples: Int
    /// Seed: the stream of a replicate depends on (seed, problem index, replicate index) only.
    public var seed: UInt64
    /// Half-width `a` of a uniform jitter `U(−a, a)` added to each resampled response; 0 for none.
    public var jitter: Double
    /// Case resamples with fewer distinct rows than this are excluded (counted, never NaN).
    /// Zero means the problem's coefficient count.
    public var minimumDistinctRows: Int
    /// Stream index of the batch's first problem: problem `k` draws the stream of problem
    /// `firstProblem + k`, so a sweep split into batches draws what one batch would.
    public var firstProblem: Int
    /// Stream index of the first replicate: replicate `b` draws the stream of `firstReplicate + b`,
    /// so B resamples split into calls draw what one call would.
    public var firstReplicate: Int
    /// Whether each replicate also reports its own coefficient standard errors (for studentized
    /// intervals, `BootstrapReplicates.standardErrors`); off, the solvers skip that work entirely.
    public var replicateStandardErrors: Bool
    /// Whether each replicate's residual sum of squares is kept (`BootstrapReplicates.residualSumsOfSquares`,
    /// which breakpoint analysis compares); off, no backend stores or reads them back. On by default.
    public var replicateResidualSums: Bool
    /// Whether case resamples draw strata or clusters of the problems' group labels (cases only).
    public var grouping: CaseGrouping

    /// Creates a plan.
    public init(scheme: BootstrapScheme = .cases, resamples: Int, seed: UInt64, jitter: Double = 0,
                minimumDistinctRows: Int = defaultMinimumDistinctRows, firstProblem: Int = 0, firstReplicate: Int = 0,
                wildWeights: WildWeights = .rademacher, replicateStandardErrors: Bool = false,
                replicateResidualSums: Bool = true, grouping: CaseGrouping = .none) {
        self.scheme = scheme
        self.wildWeights = wildWeights
        self.resamples = resamples
        self.seed = seed
        self.jitter = jitter
        self.minimumDistinctRows = minimumDistinctRows
        self.firstProblem = firstProblem
        self.firstReplicate = firstReplicate
        self.replicateStandardErrors = replicateStandardErrors
        self.replicateResidualSums = replicateResidualSums
        self.grouping = grouping
    }

    /// A setting of a plan that validation can reject.
    public enum Setting: String, Sendable {
        case resamples, streamOffsets, jitter, grouping, minimumDistinctRows
    }

    /// The first setting out of range, with the reason; nil when the plan is valid.
    public var invalidSetting: (setting: Setting, reason: String)? {
        guard resamples > 0, resamples <= Int(UInt32.max) else {
            return (.resamples, "resamples must be between 1 and \(UInt32.max), got \(resamples)")
        }
        guard firstProblem >= 0, firstReplicate >= 0, firstReplicate + resamples <= Int(UInt32.max) + 1,
              firstProblem <= Int(UInt32.max) else {
            return (.streamOffsets, "stream offsets must keep problem and replicate indices within 32 bits")
        }
        guard jitter.isFinite, jitter >= 0 else {
            return (.jitter, "jitter must be a finite non-negative half-width, got \(jitter)")
        }
        guard grouping == .none || scheme == .cases else {
            return (.grouping, "\(grouping.rawValue) resampling draws cases; it cannot be combined with the \(scheme.rawValue) scheme")
        }
        guard (0...Self.maxMinimumDistinctRows).contains(minimumDistinctRows) else {
            return (.minimumDistinctRows, "minimum distinct rows must be between 0 and \(Self.maxMinimumDistinctRows), got \(minimumDistinctRows)")
        }
        return nil
    }

    /// Checks the plan's ranges: throws the reason of `invalidSetting`.
    public func validate() throws(TrendFitError) {
        if let (_, reason) = invalidSetting { throw .invalidPlan(reason) }
    }

    /// The distinct-row threshold in force for a problem with `coefficientCount` coefficients
    /// (regressors plus intercept): `minimumDistinctRows`, or the coefficient count when it is zero.
    /// The kernels (`Kernels/bootstrap.cl`, `Kernels/bootstrap_groups.cl`) mirror this rule.
    public static func distinctRowThreshold(minimumDistinctRows: Int, coefficientCount: Int) -> Int {
        minimumDistinctRows == 0 ? coefficientCount : minimumDistinctRows
    }
}

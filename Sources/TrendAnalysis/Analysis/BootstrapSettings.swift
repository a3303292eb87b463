import TrendFit

/// How bootstrap intervals are drawn and summarised: case resamples, percentile quantiles.
public struct BootstrapSettings: Sendable, Equatable {
    /// Coverage of the primary intervals (tables, plots, sweeps), in (0, 1).
    public var confidence: Double
    /// Further levels reported alongside the primary one (JSON, and a table section), each in (0, 1).
    public var additionalConfidences: [Double]
    /// Resamples per fitted problem.
    public var resamples: Int
    /// Seed of the resampling streams.
    public var seed: UInt64
    /// Half-width of a uniform noise U(−a, a) added to each resampled log10 value; 0 for none.
    public var jitterLog10: Double
    /// Resamples with fewer distinct systems than this are excluded (and counted).
    public var minimumDistinctSystems: Int
    /// Strata or clusters of systems resampled together; nil: every system on its own.
    public var groups: SystemGroups?
    /// Most memory the replicates and their summaries may hold; beyond it `trends` and `breakpoints`
    /// draw the replicates in streamed passes, and what cannot be streamed is refused before any work.
    public var memoryLimit: MemoryLimit

    /// Creates settings, checking their ranges.
    public init(confidence: Double = ConfidenceLevels.defaultLevel, resamples: Int = BootstrapPlan.defaultResamples,
                seed: UInt64 = BootstrapPlan.defaultSeed, jitterLog10: Double = 0,
                minimumDistinctSystems: Int = 3, additionalConfidences: [Double] = [],
                groups: SystemGroups? = nil, memoryLimit: MemoryLimit = .standard) throws(AnalysisError) {
        for level in [confidence] + additionalConfidences where !(level > 0 && level < 1) {
            throw .invalidSetting(name: "confidence", reason: "must be between 0 and 1 (exclusive), got \(level)")
        }
        guard Set([confidence] + additionalConfidences).count == additionalConfidences.count + 1 else {
            throw .invalidSetting(name: "confidence", reason: "levels must be distinct")
        }
        guard resamples >= 1 else {
            throw .invalidSetting(name: "resamples", reason: "must be at least 1, got \(resamples)")
        }
        guard jitterLog10.isFinite, jitterLog10 >= 0 else {
            throw .invalidSetting(name: "jitter", reason: "must be a non-negative number of log10 units, got \(jitterLog10)")
        }
        guard (2...BootstrapPlan.maxMinimumDistinctRows).contains(minimumDistinctSystems) else {
            throw .invalidSetting(name: "minimum distinct systems",
                                  reason: "must be between 2 and \(BootstrapPlan.maxMinimumDistinctRows), got \(minimumDistinctSystems)")
        }
        self.confidence = confidence
        self.additionalConfidences = additionalConfidences
        self.resamples = resamples
        self.seed = seed
        self.jitterLog10 = jitterLog10
        self.minimumDistinctSystems = minimumDistinctSystems
        self.groups = groups
        self.memoryLimit = memoryLimit
    }

    /// Every reported level, the primary first.
    public var confidences: [Double] { [confidence] + additionalConfidences }

    /// The defaults: 95% intervals from `BootstrapPlan.defaultResamples` resamples with
    /// `BootstrapPlan.defaultSeed`, no jitter, at least 3 distinct systems.
    public static let standard = try! BootstrapSettings()

    /// The engine's plan for these settings, without the replicates' residual sums of squares (trends read none).
    public var plan: BootstrapPlan {
        BootstrapPlan(scheme: .cases, resamples: resamples, seed: seed, jitter: jitterLog10,
                      minimumDistinctRows: minimumDistinctSystems, replicateResidualSums: false,
                      grouping: groups?.grouping ?? .none)
    }

    /// `plan` keeping each replicate's residual sum of squares, which breakpoint analysis compares.
    public var planWithResidualSums: BootstrapPlan {
        var plan = plan
        plan.replicateResidualSums = true
        return plan
    }
}

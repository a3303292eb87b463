/// How a bootstrap confidence interval is formed from the replicates (Davison & Hinkley 1997, ch. 5).
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// Quantiles of the replicates: [q(α/2), q(1−α/2)].
    case percentile
    /// Basic (reverse percentile): [2θ̂ − q(1−α/2), 2θ̂ − q(α/2)].
    case basic
    /// Normal approximation with bias correction: θ̂ − bias ± z·se, as R's `boot.ci(type = "norm")`.
    case normal
    /// Bias-corrected and accelerated, with acceleration from the jackknife.
    case bca
    /// Studentized (bootstrap-t): [θ̂ − t*(1−α/2)·SE, θ̂ − t*(α/2)·SE] with t* = (θ* − θ̂)/SE*, each
    /// replicate's own standard error SE* and the estimate's SE (Davison & Hinkley eq. 5.7, R's "stud").
    case studentized

    /// Whether the interval needs each replicate's standard error (`BootstrapPlan.replicateStandardErrors`).
    public var needsReplicateStandardErrors: Bool { self == .studentized }
}

/// Whether one bootstrap replicate is usable, and if not, why it was excluded.
public enum ReplicateStatus: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// The replicate's coefficients are valid.
    case ok = 0
    /// The resampled design is rank-deficient: with an intercept a regressor is constant over the
    /// drawn rows of positive weight, or a pivot fails the solver's relative test.
    case rankDeficient = 1
    /// The resample has fewer distinct rows than the plan's threshold.
    case tooFewDistinctRows = 2

    public var description: String {
        switch self {
        case .ok: "ok"
        case .rankDeficient: "rank-deficient"
        case .tooFewDistinctRows: "too few distinct rows"
        }
    }
}

/// Which rows a case resample draws together, by the problems' group labels (`RegressionProblem.groups`).
public enum CaseGrouping: String, Sendable, CaseIterable {
    /// Ordinary case resampling: n rows drawn with replacement from all n.
    case none
    /// Stratified: each stratum (rows sharing a label) is resampled within itself, its size kept.
    case strata
    /// Cluster resampling: as many clusters (rows sharing a label) as there are, drawn with
    /// replacement; each drawn cluster brings all its rows.
    case clusters
}

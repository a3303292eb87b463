import TrendFit

/// The result of an era analysis: the tables plus everything needed to state how they were made.
public struct TrendReport: Sendable {
    /// The dataset analysed, with its skip counts.
    public var dataset: Dataset
    /// The selected, classified systems.
    public var selection: Selection
    /// The settings used.
    public var settings: AnalysisSettings
    /// Backend name (`cpu`, `opencl`).
    public var backendName: String
    /// Device the backend ran on.
    public var deviceName: String
    /// Arithmetic precision of the backend.
    public var precision: Precision
    /// One row per period × subset with at least one system, periods outermost.
    public var rows: [TrendRow]
    /// One row per domain × period (subset `all`) with enough systems; empty unless requested.
    public var domainRows: [TrendRow]
    /// One comparison per `settings.comparisons` entry, in order.
    public var comparisons: [TrendComparison]
}

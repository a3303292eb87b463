import TrendFit

/// The result of a breakpoint search, with what is needed to state how it was made.
public struct BreakpointReport: Sendable {
    /// The dataset.
    public var dataset: Dataset
    /// The selected, classified systems.
    public var selection: Selection
    /// The settings used.
    public var settings: BreakpointSettings
    /// Backend name.
    public var backendName: String
    /// Device the backend ran on.
    public var deviceName: String
    /// Arithmetic precision.
    public var precision: Precision
    /// One result per subset, in the settings' order.
    public var results: [BreakpointResult]
}

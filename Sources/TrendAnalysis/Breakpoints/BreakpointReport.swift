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

extension BreakpointReport {
    /// Notes on intervals that rest on too few resamples, for stderr and the JSON `warnings`
    /// (the same rules and texts as `TrendReport.intervalWarnings`).
    public var intervalWarnings: [String] {
        let bootstrap = settings.bootstrap
        var lines = bootstrap.confidences.compactMap { IntervalWarning.fewResamples(bootstrap.resamples, confidence: $0) }
        for result in results {
            for level in result.levelIntervals where level.usesExtremeOrderStatistics {
                lines.append(IntervalWarning.extremeOrderStatistics("subset \(result.subset.rawValue)", confidence: level.confidence,
                                                                    interval: "break-date and slope intervals"))
            }
        }
        return lines
    }
}

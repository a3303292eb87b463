/// A system with its local z-score and the selections it belongs to.
public struct ClassifiedSystem: Sendable, Equatable {
    /// The system.
    public var system: MLSystem
    /// log10 of the system's value.
    public var log10Value: Double
    /// Local z-score of `log10Value` (see `ScaleClassifier`).
    public var zScore: Double
    /// Outlier, regular-scale or large-scale.
    public var scale: ScaleClass
    /// Whether the system set a record among the non-outliers.
    public var isRecordSetting: Bool
    /// Whether the system was on the top-N frontier among the non-outliers at its date.
    public var isFrontier: Bool
}

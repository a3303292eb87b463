/// One point of a sweep grid: its index, the value it takes in each dimension and what follows from them.
public struct SweepConfiguration: Sendable {
    /// Position in the grid's order (0-based).
    public var index: Int
    /// Value of each swept dimension, in dimension order.
    public var values: [SweepValue]
    /// The swept settings with these values applied to the spec's fixed ones.
    public var settings: SweptSettings
    /// The periods, their swept bounds resolved.
    public var periods: [Period]
}

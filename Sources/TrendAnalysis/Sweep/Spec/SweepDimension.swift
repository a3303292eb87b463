/// A swept setting with the values it takes, in sweep order.
public struct SweepDimension: Sendable, Equatable {
    /// The setting.
    public var setting: SweepSetting
    /// Its values (at least one, no two equal).
    public var values: [SweepValue]

    /// Creates a dimension.
    public init(setting: SweepSetting, values: [SweepValue]) {
        self.setting = setting
        self.values = values
    }

    /// The setting's name.
    public var name: String { setting.description }
}

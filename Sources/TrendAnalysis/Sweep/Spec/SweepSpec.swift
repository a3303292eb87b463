import Foundation
import TrendFit

/// A sensitivity sweep read from a JSON spec: fixed settings plus the swept dimensions whose
/// cartesian product gives the configurations (see `docs/Sweeps.md` for the format).
public struct SweepSpec: Sendable {
    /// Where the spec came from.
    public var source: String
    /// The spec as canonical JSON (sorted keys, no whitespace), for fingerprints.
    public var canonicalText: String
    /// Data window applied before anything else.
    public var window: DateRange
    /// Periods fitted in every configuration.
    public var periods: [PeriodTemplate]
    /// Subsets fitted in every period.
    public var subsets: [Subset]
    /// N of the frontier subset.
    public var frontierTop: Int
    /// Date and rate conventions.
    public var conventions: TimeConventions
    /// Bootstrap settings (the jitter here is the fixed one; a swept jitter replaces it).
    public var bootstrap: BootstrapSettings
    /// The settings of the first configuration: fixed values (defaults where the spec gives none)
    /// and every swept setting at its first value.
    public var fixed: SweptSettings
    /// The swept dimensions, first one outermost.
    public var dimensions: [SweepDimension]
    /// The grid of configurations.
    public var grid: SweepGrid
    /// Pairs of trends compared in every configuration (see `TrendComparison`).
    public var comparisons: [TrendComparisonSpec]

    /// The default limit on the number of configurations.
    public static let defaultMaxConfigurations = 100_000

    /// Reads the spec file at `path`, rejecting grids of more than `maxConfigurations` configurations.
    public init(contentsOf path: String, maxConfigurations: Int = defaultMaxConfigurations) throws(SweepSpecError) {
        let text: String
        do {
            text = try TextFile.text(path: path)
        } catch {
            throw .unreadable(source: path, reason: "cannot read the file: \(error)")
        }
        try self.init(data: Data(text.utf8), source: path, maxConfigurations: maxConfigurations)
    }

    /// Reads a spec from JSON `data`; `source` names it in errors.
    public init(data: Data, source: String, maxConfigurations: Int = defaultMaxConfigurations) throws(SweepSpecError) {
        self = try SweepSpecReader(source: source, maxConfigurations: maxConfigurations).read(data)
    }

    /// Memberwise initialiser for the reader.
    init(source: String, canonicalText: String, window: DateRange, periods: [PeriodTemplate], subsets: [Subset],
         frontierTop: Int, conventions: TimeConventions, bootstrap: BootstrapSettings, fixed: SweptSettings,
         dimensions: [SweepDimension], grid: SweepGrid, comparisons: [TrendComparisonSpec]) {
        self.source = source
        self.canonicalText = canonicalText
        self.window = window
        self.periods = periods
        self.subsets = subsets
        self.frontierTop = frontierTop
        self.conventions = conventions
        self.bootstrap = bootstrap
        self.fixed = fixed
        self.dimensions = dimensions
        self.grid = grid
        self.comparisons = comparisons
    }

    /// Fitted trends per configuration: one slot per period × subset, periods outermost.
    public var slotsPerConfiguration: Int { periods.count * subsets.count }

    /// Configuration `index` of the grid.
    public func configuration(_ index: Int) -> SweepConfiguration {
        let valueIndices = grid.valueIndices(of: index)
        var settings = fixed
        var values: [SweepValue] = []
        for (dimension, valueIndex) in zip(dimensions, valueIndices) {
            settings.apply(dimension.values[valueIndex], to: dimension.setting)
            values.append(dimension.values[valueIndex])
        }
        return SweepConfiguration(index: index, values: values, settings: settings,
                                  periods: periods.map { $0.period(settings) })
    }

    /// The bootstrap settings of a configuration (the spec's, with the configuration's jitter).
    public func bootstrap(for configuration: SweepConfiguration) -> BootstrapSettings {
        var settings = bootstrap
        settings.jitterLog10 = configuration.settings.jitterLog10
        return settings
    }
}

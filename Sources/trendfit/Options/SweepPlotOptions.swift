import ArgumentParser
import Foundation
import TrendAnalysis

/// The plot of a sweep (`sweep --plot`, `merge --plot`): the doubling time against one swept setting.
struct SweepPlotOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also draw the doubling time against a swept setting to this SVG file.", valueName: "file.svg"))
    var plot: String?
    @Option(help: ArgumentHelp("Swept setting on the plot's x axis (default: the first with several values).", valueName: "name"))
    var plotSetting: String?
    @Option(help: "Subset the plot draws.")
    var plotSubset: Subset = .all

    /// An empty plot of `sweep` (read from `specPath`) as the options ask for; nil without `--plot`.
    func makePlot(_ sweep: SweepSpec, specPath: String) throws -> SweepPlot? {
        guard plot != nil else { return nil }
        guard !sweep.dimensions.isEmpty else { throw CommandFailure("--plot needs a swept setting, and \(specPath) sweeps none") }
        var dimension = sweep.dimensions.firstIndex { $0.values.count > 1 } ?? 0
        if let plotSetting {
            guard let index = sweep.dimensions.firstIndex(where: { $0.name == plotSetting }) else {
                throw CommandFailure("--plot-setting \(plotSetting) is not swept; the swept settings are \(sweep.dimensions.map(\.name).joined(separator: ", "))")
            }
            dimension = index
        }
        return SweepPlot(spec: sweep, dimension: dimension, subset: plotSubset)
    }

    /// Writes `drawing` to `--plot`, warning when it is partial (shard `shard` holds only some of
    /// the plotted configurations) or empty; `command` starts the messages.
    func write(_ drawing: SweepPlot, shard: Shard, command: String) throws {
        guard let plot else { return }
        let drawn = drawing.drawnConfigurations
        let held = drawn.filter(shard.contains).count
        if held < drawn.count {
            Diagnostics.note("\(command): warning: --plot \(plot) draws \(held) of the plot's \(drawn.count) configurations: "
                             + "shard \(shard) holds no others; for the whole plot, merge the shards with "
                             + "'trendfit merge --spec SPEC --plot \(plot) FILES…'")
        } else if drawing.isEmpty {
            Diagnostics.note("\(command): warning: --plot \(plot) is empty: no configuration on it has a finite doubling time "
                             + "for subset \(plotSubset.rawValue)")
        }
        try OutputFile.write(drawing.svg(), toPath: plot)
        Diagnostics.note("\(command): wrote \(plot)")
    }
}

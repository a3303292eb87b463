import ArgumentParser

/// The `trendfit` command: batched least-squares fits and bootstraps on OpenCL devices and CPUs.
@main
struct TrendFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trendfit",
        abstract: "Log-linear trend fits with bootstrap intervals and sensitivity sweeps, on OpenCL devices or the CPU.",
        version: "0.1.0",
        subcommands: [TrendsCommand.self, FitCommand.self, BootstrapCommand.self, DevicesCommand.self, KernelsCommand.self, BenchCommand.self, CompareCommand.self, SweepCommand.self, MergeCommand.self, BreakpointsCommand.self]
    )

    /// Runs the command the arguments name; a result that cannot be written to stdout is an error
    /// (exit status 1), like any other.
    static func main() {
        StandardStreams.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
            try StandardStreams.finishStandardOutput()
        } catch {
            exit(withError: error)
        }
    }
}

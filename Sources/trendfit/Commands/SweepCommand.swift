import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit
import TrendFitOpenCL

/// `trendfit sweep`: fits the era trends of every configuration of a sensitivity sweep and writes one
/// tidy row per configuration, period and subset, with a summary and optionally a plot.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sensitivity sweep: era trends for every combination of the settings a JSON spec varies.",
        discussion: """
            The spec (see docs/Sweeps.md and Examples/sweep-deep-learning-start.json) fixes the periods, \
            subsets and bootstrap, and lists under "sweep" the settings to vary: period boundaries, \
            zWindowDays, outlierZ, largeZ, largeFrom, domain, filter, jitterLog10, each as a list of \
            values or a from/to/step range; "compare" lists trend comparisons ("FIRST,SECOND", as \
            trends --compare), each a row per configuration with the slope change, the doubling-time \
            ratio and the p-value. Configurations are the cartesian product, the first swept \
            setting outermost. A trend's bootstrap stream is keyed by its period × subset slot and the \
            systems it selects (a hash), not by the configuration: configurations that select the same \
            systems for a trend draw the same resamples, so the summary shows what the settings move, \
            and rows do not depend on chunking, sharding or devices.

            Output (--output FILE.csv or FILE.jsonl; CSV on stdout without it): a metadata line, then \
            (CSV) a header, then one row per configuration × period × subset that has systems. A \
            summary goes to stdout when --output is given, else to stderr.

            --shard K/N runs the configurations i with i mod N = K − 1 (K from 1 to N). --shard slurm \
            runs the shard of a Slurm job array task: (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / \
            SLURM_ARRAY_TASK_STEP + 1 of SLURM_ARRAY_TASK_COUNT (a range such as --array=0-7, 1-8, \
            0-14:2 or 0-7%2; lists and one-task arrays are refused). Without --shard the whole sweep \
            runs, inside a job array too. 'trendfit merge' joins the shards' files into exactly the \
            unsharded output.

            With --output FILE, rows go to FILE.partial (locked: a second run with the same output \
            refuses), and a trailer line (row count, checksum, fingerprint) ends them before it is \
            renamed to FILE. --resume continues the FILE.partial of a stopped run of the same sweep \
            and shard after its last whole configuration; the result is byte for byte that of an \
            uninterrupted run.
            """)

    @Argument(help: ArgumentHelp("The sweep spec.", valueName: "spec.json"))
    var spec: String

    @Option(help: ArgumentHelp("CSV file to analyse (default: the embedded ml-systems.csv).", valueName: "file.csv"))
    var data: String?
    @OptionGroup var columns: DatasetOptions

    @Option(help: ArgumentHelp("Write the rows to this file (.csv or .jsonl) instead of stdout.", valueName: "file"))
    var output: String?
    @Option(help: "Row format: csv or jsonl (default: from the --output extension, else csv).")
    var format: SweepOutputFormat?
    @Option(help: ArgumentHelp("Run only shard K of N (K from 1 to N), or 'slurm': the shard of this Slurm job array task.",
                               valueName: "K/N|slurm"))
    var shard: String?
    @Flag(help: "Continue the configurations of FILE.partial, left by a run of the same sweep that was stopped, instead of starting over.")
    var resume = false
    @Option(parsing: .unconditional, help: "Refuse grids with more configurations than this.")
    var maxConfigs = SweepSpec.defaultMaxConfigurations
    @Option(parsing: .unconditional, help: "Configurations per backend call (default: as many as fit in 64 MiB of replicates, shared among devices).")
    var chunkConfigs: Int?
    @Option(help: MemoryLimitOption.help, transform: MemoryLimitOption.parse)
    var memoryLimit = MemoryLimit.standard

    @OptionGroup var plotOptions: SweepPlotOptions

    @Option(help: ArgumentHelp("Share the chunks among several backends at once: 'all' OpenCL devices but simulators (Oclgrind runs only when named by its index), or a list like 0,1 or cpu,0 (replaces --backend and --device).",
                               valueName: "devices"))
    var devices: DeviceList?
    @OptionGroup var backend: BackendOptions

    func validate() throws {
        if let chunkConfigs, chunkConfigs < 1 { throw ValidationError("--chunk-configs must be at least 1") }
        if maxConfigs < 1 { throw ValidationError("--max-configs must be at least 1") }
        if devices != nil && backend.device != nil { throw ValidationError("give either --devices or --device, not both") }
        if let output, SweepOutputFormat(path: output) == nil && format == nil {
            throw ValidationError("cannot tell the format of '\(output)': name it .csv or .jsonl, or give --format")
        }
        if let shard {
            do { if shard != "slurm" { _ = try Shard(parsing: shard) } } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let started = Date()
        var sweep = try SweepSpec(contentsOf: spec, maxConfigurations: maxConfigs)
        sweep.bootstrap.memoryLimit = memoryLimit
        let environment = ProcessInfo.processInfo.environment
        let shard = try self.shard.map { text throws(ShardError) in try Shard(argument: text, environment: environment) } ?? .whole
        var drawing = try plotOptions.makePlot(sweep, specPath: spec)
        let destination = try output.map { path throws(OutputFileError) in try OutputDestination(path) }
        let partialPath = destination.flatMap(Self.partialPath)
        try OutputPathCheck.check(outputs: [output, partialPath, plotOptions.plot].compactMap { $0 }, inputs: [spec, data].compactMap { $0 })
        if resume && partialPath == nil {
            throw CommandFailure("--resume needs --output naming a regular file (its .partial file holds the rows done so far)")
        }
        let dataset = try columns.load(data)
        let runner = try SweepRunner(spec: sweep, dataset: dataset, precision: backend.precision)
        try MemoryLimitOption.explainingRefusal { try runner.checkMemory(chunkSize: chunkConfigs ?? 1) }
        let backends = try devices.map { list in
            try BackendSelectionError.naming("--devices") {
                try backend.threading.selection(memoryLimit: memoryLimit).open(list.entries, precision: backend.precision)
            }
        } ?? [backend.makeBackend(memoryLimit: memoryLimit)]
        let table = SweepTable(spec: sweep, format: format ?? output.flatMap(SweepOutputFormat.init(path:)) ?? .csv)
        let metadata = SweepMetadata(fingerprint: SweepFingerprint.of(spec: sweep, dataset: dataset, precision: backend.precision),
                                     configurations: sweep.grid.count, shard: shard,
                                     arrayTask: shard == .whole ? nil : ArrayTaskLabel(environment: environment))
        let opening = table.openingLines(metadata)

        let file: OutputFile
        var resumePoint: SweepResumePoint?
        switch destination {
        case nil:
            file = .standardOutput()
        case .writeThrough(let path)?:
            file = try OutputFile(path: path)
        case .replaceable(let path)?:
            try Self.refuseReplacingAnotherShard(path, metadata: metadata)
            let partialPath = path + ".partial"
            file = try OutputFile.inProgress(partialPath: partialPath, for: path)
            if resume {
                resumePoint = try SweepResumePoint.find(in: ShardMerger.Input(path: partialPath), metadata: metadata,
                                                        format: table.format, openingLines: opening)
                if resumePoint == nil { Diagnostics.note("sweep: no rows in \(partialPath) to resume from; starting at the first configuration") }
            } else if Self.holdsData(partialPath) {
                Diagnostics.note("sweep: starting over in \(partialPath), left by an earlier run (--resume continues such a file)")
            }
            try file.truncate(to: resumePoint?.keptBytes ?? 0)
        }
        let firstConfiguration = resumePoint?.firstConfiguration ?? 0
        let keptConfigurations = shard.configurationCount(of: firstConfiguration)
        let configurationCount = shard.configurationCount(of: sweep.grid.count) - keptConfigurations
        Diagnostics.note("sweep: \(configurationCount) of \(sweep.grid.count) configurations (shard \(shard)"
                         + (keptConfigurations > 0 ? ", resuming after the \(keptConfigurations) already in \(partialPath ?? "")" : "")
                         + "), \(sweep.slotsPerConfiguration) trends each, on \(backends.map { "\($0.name) (\($0.deviceName))" }.joined(separator: ", "))")

        var summary = SweepSummary(spec: sweep)
        if let resumePoint, let partialPath, keptConfigurations > 0 {
            try resumePoint.replayKeptRows(of: ShardMerger.Input(path: partialPath), spec: sweep, shard: shard, format: table.format) { rows, configurations in
                summary.add(rows, configurations: configurations)
                drawing?.add(rows)
            }
        }
        let writer = LineWriter(file)
        var digest = resumePoint?.digest ?? SweepDigest()
        if resumePoint == nil {
            for line in opening { digest.add(openingLine: line) }
            try writer.write(opening)
        }
        let progress = ProgressBar(label: "sweep", total: configurationCount)
        var done = 0
        // A device refuses a chunk that its buffers cannot hold within the limit when the chunk comes.
        try MemoryLimitOption.explainingRefusal(workDone: Self.keptBeforeRefusal(keptConfigurations + done, partialPath: partialPath)) {
            try runner.run(shard: shard, backends: backends, chunkSize: chunkConfigs, from: firstConfiguration) { rows, configurations in
                let lines = rows.map(table.line)
                for line in lines { digest.add(row: line) }
                try writer.write(lines)
                summary.add(rows, configurations: configurations)
                drawing?.add(rows)
                done += configurations.count
                progress.update(done)
            }
        }
        progress.finish()
        try writer.write([digest.trailer(fingerprint: metadata.fingerprint).line(table.format)])
        try writer.finish()
        if let drawing { try plotOptions.write(drawing, shard: shard, command: "sweep") }
        summary.print(rowsOnStdout: output == nil)
        Diagnostics.note("sweep: done in \(String(format: "%.2f", Date().timeIntervalSince(started))) s"
                         + (output.map { ", rows in \($0)" } ?? ""))
    }

    /// Refuses to replace the finished output of another shard of the same sweep (an array script
    /// that gives every task the same --output).
    private static func refuseReplacingAnotherShard(_ path: String, metadata: SweepMetadata) throws {
        guard let (existing, _) = SweepMetadata.read(fromFileAt: path), existing.fingerprint == metadata.fingerprint, existing.configurations == metadata.configurations,
              existing.shard.count == metadata.shard.count, existing.shard != metadata.shard else { return }
        throw CommandFailure("\(path) holds shard \(existing.shard) of this sweep, and this run computes shard \(metadata.shard): "
                             + "give each shard its own --output (e.g. shard-$SLURM_ARRAY_TASK_ID.csv)")
    }

    /// What a sweep refused for want of memory after `configurations` configurations keeps of them.
    private static func keptBeforeRefusal(_ configurations: Int, partialPath: String?) -> String {
        guard configurations > 0 else { return "no configuration was run" }
        guard let partialPath else { return "the rows of \(configurations) configurations were written before it" }
        return "the rows of \(configurations) configurations are kept in \(partialPath); --resume continues after them"
    }

    /// Whether `path` names a file that is not empty.
    private static func holdsData(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_size > 0
    }

    /// The in-progress file of an output written to a regular file (none for a device or FIFO).
    private static func partialPath(_ destination: OutputDestination) -> String? {
        guard case .replaceable(let path) = destination else { return nil }
        return path + ".partial"
    }
}

import ArgumentParser
import TrendAnalysis
import TrendFit

/// `trendfit merge`: joins the outputs of a sweep's shards into the output of the unsharded run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard outputs of 'trendfit sweep --shard K/N' into exactly the unsharded output.",
        discussion: """
            Every file must be a finished sweep output (not a .partial file; its trailer line matches \
            its rows' count and checksum), its rows whole, with the header's fields, and in order; \
            every file must come from the same sweep (same spec, data and precision: the fingerprint \
            of its first line), have the same header, and the shards 1…N must each be given once. \
            Rows come out in configuration order, byte for byte as one unsharded run writes them. \
            Nothing is written when a file is at fault; the message names the file and the Slurm \
            array task that wrote it.

            --summary and --plot print the summary and draw the plot of the unsharded sweep from the \
            merged rows; they need the sweep's --spec (with its --data, column options and --precision, \
            checked against the files' fingerprint). The summary goes to stdout when --output is \
            given, else to stderr.
            """)

    @Argument(help: ArgumentHelp("The shard outputs, in any order.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write the merged output to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Print the summary of the merged sweep (needs --spec).")
    var summary = false
    @OptionGroup var plotOptions: SweepPlotOptions
    @Option(help: ArgumentHelp("The sweep's spec, for --summary and --plot.", valueName: "spec.json"))
    var spec: String?
    @Option(help: ArgumentHelp("The sweep's CSV data (default: the embedded ml-systems.csv), to check the fingerprint.", valueName: "file.csv"))
    var data: String?
    @OptionGroup var columns: DatasetOptions
    @Option(help: "The sweep's arithmetic precision, to check the fingerprint: double or float.")
    var precision: Precision = .double

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard files to merge") }
        if (summary || plotOptions.plot != nil) && spec == nil {
            throw ValidationError("--summary and --plot need the sweep's --spec")
        }
    }

    func run() throws {
        try OutputPathCheck.check(outputs: [output, plotOptions.plot].compactMap { $0 }, inputs: files + [spec, data].compactMap { $0 })
        var analysis = try makeAnalysis()
        let writer = LineWriter(try output.map { path throws(OutputFileError) in try OutputFile(path: path) } ?? .standardOutput())
        try ShardMerger.merge(files.map { ShardMerger.Input(path: $0) }) { line throws(ShardMergeError) in
            try analysis?.add(line: line)
            do {
                try writer.append(line)
            } catch {
                throw .cannotWrite(reason: String(describing: error))
            }
        }
        try analysis?.finish()
        try writer.finish()
        if let analysis {
            if let drawing = analysis.plot { try plotOptions.write(drawing, shard: .whole, command: "merge") }
            if summary { analysis.summary.print(rowsOnStdout: output == nil) }
        }
        if let output { Diagnostics.note("merge: \(files.count) shards into \(output)") }
    }

    /// The summary and plot to build from the merged rows, for `--spec`; nil without it.
    private func makeAnalysis() throws -> SweepOutputAnalysis? {
        guard let spec else { return nil }
        let sweep = try SweepSpec(contentsOf: spec, maxConfigurations: .max)
        let dataset = try columns.load(data)
        return SweepOutputAnalysis(spec: sweep, fingerprint: SweepFingerprint.of(spec: sweep, dataset: dataset, precision: precision),
                                   plot: try plotOptions.makePlot(sweep, specPath: spec), name: "the merged rows")
    }
}

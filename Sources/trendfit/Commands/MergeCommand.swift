import ArgumentParser
import TrendAnalysis

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
            """)

    @Argument(help: ArgumentHelp("The shard outputs, in any order.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write the merged output to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard files to merge") }
    }

    func run() throws {
        try OutputPathCheck.check(outputs: output.map { [$0] } ?? [], inputs: files)
        let writer = LineWriter(try output.map { path throws(OutputFileError) in try OutputFile(path: path) } ?? .standardOutput())
        try ShardMerger.merge(files.map { ShardMerger.Input(path: $0) }) { line throws(ShardMergeError) in
            do {
                try writer.append(line)
            } catch {
                throw .cannotWrite(reason: String(describing: error))
            }
        }
        try writer.finish()
        if let output { Diagnostics.note("merge: \(files.count) shards into \(output)") }
    }
}

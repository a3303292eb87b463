import ArgumentParser
import Foundation
import TrendAnalysis

/// `trendfit merge`: joins the outputs of a sweep's shards into the output of the unsharded run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard outputs of 'trendfit sweep --shard K/N' into exactly the unsharded output.",
        discussion: """
            Every file must come from the same sweep (same spec, data and precision: the fingerprint \
            of its first line), have the same header, and the shards 1…N must each be given once. \
            Rows come out in configuration order, byte for byte as one unsharded run writes them.
            """)

    @Argument(help: ArgumentHelp("The shard outputs, in any order.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write the merged output to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard files to merge") }
    }

    func run() throws {
        var inputs: [ShardMerger.Input] = []
        for file in files {
            do {
                inputs.append(ShardMerger.Input(name: file, text: try String(contentsOfFile: file, encoding: .utf8)))
            } catch {
                throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
            }
        }
        let merged = try ShardMerger.merge(inputs)
        let writer = try LineWriter(path: output)
        try writer.write(text: merged)
        try writer.finish()
        if let output { Diagnostics.note("merge: \(files.count) shards into \(output)") }
    }
}

import Foundation

/// Joins the outputs of the shards of one sweep into exactly the output of the unsharded run.
///
/// Every file must be a finished sweep output (not a `.partial` file; its trailer matches its
/// rows: count, checksum, fingerprint) whose rows are whole, have the header's number of fields
/// and name configurations of the file's shard in ascending order; every file must carry the same
/// fingerprint, grid size, shard count and (CSV) header; the shards 1…N must each be present
/// once. Rows are taken in configuration order, each configuration from the shard that holds it,
/// and a new trailer closes them, so the result is byte for byte what one process writes. Files
/// are read twice, a line at a time (so shards of any size merge in little memory): the first pass
/// checks every file and row, so nothing is written when an input is at fault.
public enum ShardMerger {
    /// Merges `inputs`, handing each output line (without its line break) to `write` in order.
    public static func merge(_ inputs: [Input], write: (String) throws(ShardMergeError) -> Void) throws(ShardMergeError) {
        let shards = try checkedShards(inputs)
        let reference = shards[0]
        let count = reference.metadata.shard.count
        let metadata = SweepMetadata(fingerprint: reference.metadata.fingerprint,
                                     configurations: reference.metadata.configurations, shard: .whole)
        var digest = SweepDigest()
        for line in [metadata.line(reference.format)] + (reference.header.map { [$0] } ?? []) {
            digest.add(openingLine: line)
            try write(line)
        }
        var readers: [Int: SweepFileReader] = [:]
        for shard in shards {
            var reader = try SweepFileReader(shard.input)
            try reader.advance()
            readers[reader.metadata.shard.index] = reader
        }
        for configuration in 0..<reference.metadata.configurations {
            let index = configuration % count + 1
            while let row = readers[index]!.row, row.configuration == configuration {
                digest.add(row: row.text)
                try write(row.text)
                try readers[index]!.advance()
            }
        }
        for index in 1...count {
            if let row = readers[index]!.row {
                throw .badRow(file: readers[index]!.input.name, line: row.line, reason: "the file changed while it was merged",
                              task: readers[index]!.metadata.arrayTask)
            }
        }
        try write(digest.trailer(fingerprint: metadata.fingerprint).line(reference.format))
    }

    /// The merged output text.
    public static func merge(_ inputs: [Input]) throws(ShardMergeError) -> String {
        var lines: [String] = []
        try merge(inputs) { line throws(ShardMergeError) in lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads every input once, checking its rows and trailer, then checks the inputs against each
    /// other; returns the shards in input order.
    private static func checkedShards(_ inputs: [Input]) throws(ShardMergeError) -> [ShardFile] {
        guard let first = inputs.first else { throw .noFiles }
        var shards: [ShardFile] = []
        for input in inputs {
            if input.name.hasSuffix(".partial") {
                throw .unfinished(file: input.name, reason: "a .partial file is a sweep still running, or one stopped before it finished; "
                                  + "complete it with 'trendfit sweep … --resume' and the same --output")
            }
            var reader = try SweepFileReader(input)
            repeat { try reader.advance() } while reader.row != nil
            shards.append(ShardFile(input: input, format: reader.format, metadata: reader.metadata, header: reader.header))
        }
        let reference = shards[0]
        var byIndex: [Int: ShardFile] = [:]
        for shard in shards {
            if shard.format != reference.format {
                throw .mixedFormats(file: shard.name, expected: reference.format.rawValue, found: shard.format.rawValue)
            }
            let metadata = shard.metadata
            for (label, mine, theirs) in [("fingerprint", metadata.fingerprint, reference.metadata.fingerprint),
                                          ("configurations", String(metadata.configurations), String(reference.metadata.configurations)),
                                          ("shard count", String(metadata.shard.count), String(reference.metadata.shard.count))]
            where mine != theirs {
                throw .differentSweep(file: shard.name, firstFile: first.name, detail: "\(label) \(mine) instead of \(theirs)")
            }
            if shard.header != reference.header { throw .differentHeader(file: shard.name, firstFile: first.name) }
            if let other = byIndex[metadata.shard.index] {
                throw .duplicateShard(shard: metadata.shard.description, files: [other.name, shard.name])
            }
            byIndex[metadata.shard.index] = shard
        }
        let count = reference.metadata.shard.count
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw .missingShards(shards: missing, count: count,
                                 given: byIndex.keys.sorted().map { "\(byIndex[$0]!.name) holds \($0)/\(count)" })
        }
        return shards
    }

    /// One checked shard file and what its opening lines say: its metadata and (CSV) header.
    private struct ShardFile {
        let input: Input
        let format: SweepOutputFormat
        let metadata: SweepMetadata
        let header: String?

        /// The file's name with the array task that wrote it.
        var name: String { SweepFileReader.name(input.name, metadata) }
    }
}

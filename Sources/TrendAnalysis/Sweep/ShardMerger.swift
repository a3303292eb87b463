import Foundation

/// Joins the outputs of the shards of one sweep into exactly the output of the unsharded run.
///
/// Every file must carry the same fingerprint, grid size, shard count and (CSV) header; the shards
/// 1…N must each be present once. Rows are taken in configuration order, each configuration from
/// the shard that holds it, so the result is byte for byte what one process writes. Files are
/// read twice, a line at a time (so shards of any size merge in little memory): the first pass
/// checks every file and row, so nothing is written when an input is at fault.
public enum ShardMerger {
    /// Merges `inputs`, handing each output line (without its line break) to `write` in order.
    public static func merge(_ inputs: [Input], write: (String) throws(ShardMergeError) -> Void) throws(ShardMergeError) {
        let shards = try checkedShards(inputs)
        let reference = shards[0]
        let count = reference.metadata.shard.count
        let metadata = SweepMetadata(fingerprint: reference.metadata.fingerprint,
                                     configurations: reference.metadata.configurations, shard: .whole)
        try write(metadata.line(reference.format))
        if let header = reference.header { try write(header) }
        var readers: [Int: RowReader] = [:]
        for shard in shards { readers[shard.metadata.shard.index] = try RowReader(shard.input) }
        for configuration in 0..<reference.metadata.configurations {
            let index = configuration % count + 1
            while let row = readers[index]!.row, row.configuration == configuration {
                try write(row.text)
                try readers[index]!.advance()
            }
        }
        for index in 1...count {
            if let row = readers[index]!.row {
                throw .badRow(file: readers[index]!.name, line: row.line, reason: "the file changed while it was merged")
            }
        }
    }

    /// The merged output text.
    public static func merge(_ inputs: [Input]) throws(ShardMergeError) -> String {
        var lines: [String] = []
        try merge(inputs) { line throws(ShardMergeError) in lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads every input once, checking its rows, then checks the inputs against each other;
    /// returns the shards in input order.
    private static func checkedShards(_ inputs: [Input]) throws(ShardMergeError) -> [ShardFile] {
        guard let first = inputs.first else { throw .noFiles }
        var shards: [ShardFile] = []
        for input in inputs {
            var reader = try RowReader(input)
            while reader.row != nil { try reader.advance() }
            shards.append(reader.shard)
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
        guard missing.isEmpty else { throw .missingShards(shards: missing, count: count) }
        return shards
    }

    /// One shard file and what its opening lines say: its metadata and (CSV) header.
    private struct ShardFile {
        let input: Input
        let format: SweepOutputFormat
        let metadata: SweepMetadata
        let header: String?

        var name: String { input.name }
    }

    /// A shard's rows in file order, each checked as it is read: it names its configuration,
    /// which belongs to the shard and comes after the previous row's.
    private struct RowReader {
        struct Row {
            var configuration: Int
            var text: String
            var line: Int
        }

        let shard: ShardFile
        /// The row at hand, or nil after the last.
        private(set) var row: Row?
        private var lines: Lines
        private var previousConfiguration = -1

        var name: String { shard.name }

        /// Reads the input's metadata and header and moves to its first row.
        init(_ input: Input) throws(ShardMergeError) {
            lines = try input.lines()
            guard let opening = try lines.next(), let (metadata, format) = SweepMetadata.parse(opening) else {
                throw .notSweepOutput(file: input.name)
            }
            shard = ShardFile(input: input, format: format, metadata: metadata,
                              header: format == .csv ? try lines.next() : nil)
            try advance()
        }

        /// Moves to the next row, checking it.
        mutating func advance() throws(ShardMergeError) {
            guard let text = try lines.next() else {
                row = nil
                return
            }
            let line = lines.number
            let metadata = shard.metadata
            guard let configuration = Self.configuration(of: text, format: shard.format) else {
                throw .badRow(file: name, line: line, reason: "cannot read the configuration index")
            }
            guard configuration < metadata.configurations, metadata.shard.contains(configuration) else {
                throw .badRow(file: name, line: line,
                              reason: "configuration \(configuration) does not belong to shard \(metadata.shard) of \(metadata.configurations)")
            }
            if previousConfiguration > configuration {
                throw .badRow(file: name, line: line, reason: "configuration \(configuration) comes after \(previousConfiguration)")
            }
            previousConfiguration = configuration
            row = Row(configuration: configuration, text: text, line: line)
        }

        /// The configuration index of a row line (the first CSV field, or the JSON `configuration` key).
        private static func configuration(of line: String, format: SweepOutputFormat) -> Int? {
            switch format {
            case .csv:
                return Int(line.prefix { $0 != "," })
            case .jsonl:
                guard case .object(let fields)? = try? JSONValue(parsing: Data(line.utf8)),
                      case .number(let value)? = fields["configuration"] else { return nil }
                return Int(exactly: value)
            }
        }
    }
}

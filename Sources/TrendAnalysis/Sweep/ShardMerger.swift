import Foundation

/// Joins the outputs of the shards of one sweep into exactly the output of the unsharded run.
///
/// Every file must carry the same fingerprint, grid size, shard count and (CSV) header; the shards
/// 1…N must each be present once. Rows are taken in configuration order, each configuration from
/// the shard that holds it, so the result is byte for byte what one process writes.
public enum ShardMerger {
    /// One shard file's text and its name for messages.
    public struct Input: Sendable {
        /// File name.
        public var name: String
        /// The file's text.
        public var text: String

        /// Creates an input.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The merged output text.
    public static func merge(_ inputs: [Input]) throws(ShardMergeError) -> String {
        guard let first = inputs.first else { throw .noFiles }
        let shards = try inputs.map { input throws(ShardMergeError) in try ShardFile(input) }
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

        let metadata = SweepMetadata(fingerprint: reference.metadata.fingerprint,
                                     configurations: reference.metadata.configurations, shard: .whole)
        var lines = [metadata.line(reference.format)] + (reference.header.map { [$0] } ?? [])
        var cursors = Array(repeating: 0, count: count + 1)
        for configuration in 0..<reference.metadata.configurations {
            let index = configuration % count + 1
            let rows = byIndex[index]!.rows
            while cursors[index] < rows.count && rows[cursors[index]].configuration == configuration {
                lines.append(rows[cursors[index]].text)
                cursors[index] += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One shard file, split into metadata, header and rows, with every row checked.
    private struct ShardFile {
        struct Row {
            var configuration: Int
            var text: String
        }

        let name: String
        let format: SweepOutputFormat
        let metadata: SweepMetadata
        let header: String?
        let rows: [Row]

        init(_ input: Input) throws(ShardMergeError) {
            var lines = input.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            guard let opening = lines.first, let (metadata, format) = SweepMetadata.parse(opening) else {
                throw .notSweepOutput(file: input.name)
            }
            name = input.name
            self.format = format
            self.metadata = metadata
            header = format == .csv && lines.count > 1 ? lines[1] : nil
            let firstRow = format == .csv ? 2 : 1
            var rows: [Row] = []
            for (offset, text) in lines.enumerated().dropFirst(firstRow) {
                let line = offset + 1
                guard let configuration = Self.configuration(of: text, format: format) else {
                    throw .badRow(file: name, line: line, reason: "cannot read the configuration index")
                }
                guard configuration < metadata.configurations, metadata.shard.contains(configuration) else {
                    throw .badRow(file: name, line: line,
                                  reason: "configuration \(configuration) does not belong to shard \(metadata.shard) of \(metadata.configurations)")
                }
                if let previous = rows.last, previous.configuration > configuration {
                    throw .badRow(file: name, line: line, reason: "configuration \(configuration) comes after \(previous.configuration)")
                }
                rows.append(Row(configuration: configuration, text: text))
            }
            self.rows = rows
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

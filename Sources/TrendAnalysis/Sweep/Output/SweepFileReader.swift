import Foundation

/// Reads a sweep output line by line and checks it as it goes: the metadata line, the header
/// (CSV), then every row — whole (ending with a line break), with the header's number of fields
/// (CSV) or the first row's keys (JSON Lines), naming a configuration of the file's shard, in
/// ascending order — and finally the trailer, which must match the rows read (count, checksum,
/// fingerprint) and be the last line.
struct SweepFileReader {
    /// One row line.
    struct Row {
        /// The configuration the row belongs to.
        var configuration: Int
        /// The line, without its line break.
        var text: String
        /// Its line number, from 1.
        var line: Int
        /// Byte offset of its first character in the file.
        var offset: Int
    }

    let input: ShardMerger.Input
    let format: SweepOutputFormat
    let metadata: SweepMetadata
    /// The CSV header line (nil for JSON Lines).
    let header: String?
    /// The row at hand; nil before the first `advance()` and after the trailer.
    private(set) var row: Row?
    /// The trailer, once read and checked.
    private(set) var trailer: SweepTrailer?
    /// Row count and checksum of the lines before `row` (all lines read, once the trailer is reached).
    private(set) var digest = SweepDigest()
    /// Byte offset where the lines after the opening lines begin.
    let rowsOffset: Int
    private var lines: ShardMerger.Lines
    private var fieldCount: Int?
    private var jsonKeys: Set<String>?
    private var previousConfiguration = -1

    /// The file's name in messages, with the array task that wrote it when the metadata says.
    var name: String { Self.name(input.name, metadata) }

    /// A `badRow` error at `line` of this file.
    private func badRow(_ line: Int, reason: String) -> ShardMergeError {
        .badRow(file: input.name, line: line, reason: reason, task: metadata.arrayTask)
    }

    /// The name of `file` with the array task of `metadata`, if any.
    static func name(_ file: String, _ metadata: SweepMetadata) -> String {
        file + (metadata.arrayTask.map { " (Slurm array task \($0))" } ?? "")
    }

    /// Reads the input's metadata and (CSV) header.
    init(_ input: ShardMerger.Input) throws(ShardMergeError) {
        self.input = input
        lines = try input.lines()
        guard let opening = try lines.next(), lines.lineEndedWithBreak,
              let (metadata, format) = SweepMetadata.parse(opening) else {
            throw .notSweepOutput(file: input.name)
        }
        self.metadata = metadata
        self.format = format
        digest.add(openingLine: opening)
        if format == .csv {
            guard let header = try lines.next(), lines.lineEndedWithBreak else {
                throw .unfinished(file: Self.name(input.name, metadata), reason: "it ends before its header line is complete")
            }
            self.header = header
            fieldCount = CSVFieldCount.of(header)
            digest.add(openingLine: header)
        } else {
            header = nil
        }
        rowsOffset = lines.offset
    }

    /// Moves to the next row, checking it; at the trailer, checks it and sets `row` to nil.
    mutating func advance() throws(ShardMergeError) {
        if let row { digest.add(row: row.text) }
        row = nil
        guard trailer == nil else { return }
        let offset = lines.offset
        guard let text = try lines.next() else {
            throw .unfinished(file: name, reason: "it ends without a trailer line after \(digest.rows) rows: the run that wrote it did not finish")
        }
        let line = lines.number
        if SweepTrailer.looksLikeTrailer(text, format: format) {
            try readTrailer(text, line: line)
            return
        }
        guard lines.lineEndedWithBreak else {
            throw badRow(line, reason: "the line is cut off (no line break, no trailer after it)")
        }
        let configuration = try check(text, line: line)
        if previousConfiguration > configuration {
            throw badRow(line, reason: "configuration \(configuration) comes after \(previousConfiguration)")
        }
        previousConfiguration = configuration
        row = Row(configuration: configuration, text: text, line: line, offset: offset)
    }

    /// Checks a row's fields; returns its configuration index.
    private mutating func check(_ text: String, line: Int) throws(ShardMergeError) -> Int {
        let configuration: Int?
        switch format {
        case .csv:
            let count = CSVFieldCount.of(text)
            if let fieldCount, count != fieldCount {
                throw badRow(line, reason: "\(count) fields, but the header has \(fieldCount)")
            }
            configuration = Int(text.prefix { $0 != "," })
        case .jsonl:
            guard case .object(let fields)? = try? JSONValue(parsing: Data(text.utf8)) else {
                throw badRow(line, reason: "not a JSON object")
            }
            let keys = Set(fields.keys)
            if let jsonKeys, keys != jsonKeys {
                throw badRow(line, reason: "its keys differ from those of the first row")
            }
            jsonKeys = keys
            if case .number(let value)? = fields["configuration"] { configuration = Int(exactly: value) } else { configuration = nil }
        }
        guard let configuration else {
            throw badRow(line, reason: "cannot read the configuration index")
        }
        guard configuration >= 0, configuration < metadata.configurations, metadata.shard.contains(configuration) else {
            throw badRow(line, reason: "configuration \(configuration) does not belong to shard \(metadata.shard) of \(metadata.configurations)")
        }
        return configuration
    }

    /// Checks the trailer against the rows read, and that nothing follows it.
    private mutating func readTrailer(_ text: String, line: Int) throws(ShardMergeError) {
        guard lines.lineEndedWithBreak, let trailer = SweepTrailer.parse(text, format: format) else {
            throw badRow(line, reason: "the trailer line is damaged or cut off")
        }
        let expected = digest.trailer(fingerprint: metadata.fingerprint)
        if trailer.fingerprint != expected.fingerprint {
            throw badRow(line, reason: "the trailer's fingerprint \(trailer.fingerprint) is not the metadata's \(expected.fingerprint)")
        }
        if trailer.rows != expected.rows {
            throw badRow(line, reason: "the trailer counts \(trailer.rows) rows, but the file holds \(expected.rows): rows were lost or added")
        }
        if trailer.checksum != expected.checksum {
            throw badRow(line, reason: "the checksum of the lines before the trailer is \(expected.checksum), not \(trailer.checksum): the file was changed")
        }
        if try lines.next() != nil {
            throw badRow(lines.number, reason: "a line after the trailer")
        }
        self.trailer = trailer
    }
}

/// The number of fields of a CSV line (commas outside double quotes, plus one).
enum CSVFieldCount {
    static func of(_ line: String) -> Int {
        var count = 1
        var quoted = false
        for byte in line.utf8 {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: ","), !quoted {
                count += 1
            }
        }
        return count
    }
}

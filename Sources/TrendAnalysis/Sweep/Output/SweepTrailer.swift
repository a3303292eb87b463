import Foundation

/// The last line of every sweep output, written after the last row: how many rows the file holds,
/// a checksum of everything before it and the sweep's fingerprint. A file without it, or whose
/// rows do not match it, is unfinished or damaged, and `merge` and `--resume` tell so.
///
/// CSV: `# trendfit-sweep-end rows=<count> checksum=<16 hex digits> fingerprint=<16 hex digits>`.
/// JSON Lines: `{"trendfitSweepEnd":{"checksum":"…","fingerprint":"…","rows":…}}`.
/// The checksum is the 64-bit FNV-1a hash of the bytes of every line before the trailer (metadata,
/// header and rows), each with its line break.
public struct SweepTrailer: Sendable, Equatable {
    /// Row lines in the file.
    public var rows: Int
    /// FNV-1a checksum of the lines before the trailer, 16 hex digits.
    public var checksum: String
    /// The sweep's fingerprint, as in the metadata line.
    public var fingerprint: String

    /// Creates a trailer.
    public init(rows: Int, checksum: String, fingerprint: String) {
        self.rows = rows
        self.checksum = checksum
        self.fingerprint = fingerprint
    }

    private static let csvPrefix = "# trendfit-sweep-end "
    private static let jsonKey = "trendfitSweepEnd"

    /// The trailer line in `format`, without a line break.
    public func line(_ format: SweepOutputFormat) -> String {
        switch format {
        case .csv:
            "\(Self.csvPrefix)rows=\(rows) checksum=\(checksum) fingerprint=\(fingerprint)"
        case .jsonl:
            JSONValue.object([Self.jsonKey: .object([
                "rows": .number(Double(rows)), "checksum": .string(checksum), "fingerprint": .string(fingerprint),
            ])]).canonicalText
        }
    }

    /// Whether `line` is meant as a trailer in `format` (it may still be malformed).
    static func looksLikeTrailer(_ line: String, format: SweepOutputFormat) -> Bool {
        switch format {
        case .csv: line.hasPrefix("#")
        case .jsonl: line.hasPrefix("{\"\(jsonKey)\"")
        }
    }

    /// Reads a trailer line; nil when `line` is not a well-formed one.
    public static func parse(_ line: String, format: SweepOutputFormat) -> SweepTrailer? {
        switch format {
        case .csv:
            guard line.hasPrefix(csvPrefix) else { return nil }
            let fields = SweepMetadata.keyValueFields(line.dropFirst(csvPrefix.count))
            guard let rows = fields["rows"].flatMap({ Int($0) }), let checksum = fields["checksum"],
                  let fingerprint = fields["fingerprint"] else { return nil }
            let trailer = SweepTrailer(rows: rows, checksum: checksum, fingerprint: fingerprint)
            return trailer.line(.csv) == line ? trailer : nil
        case .jsonl:
            guard case .object(let root)? = try? JSONValue(parsing: Data(line.utf8)), root.count == 1,
                  case .object(let fields)? = root[jsonKey],
                  case .number(let rowsValue)? = fields["rows"], let rows = Int(exactly: rowsValue),
                  case .string(let checksum)? = fields["checksum"], case .string(let fingerprint)? = fields["fingerprint"]
            else { return nil }
            let trailer = SweepTrailer(rows: rows, checksum: checksum, fingerprint: fingerprint)
            return trailer.line(.jsonl) == line ? trailer : nil
        }
    }
}

/// The running row count and checksum of a sweep output as its lines are written or read.
public struct SweepDigest: Sendable, Equatable {
    /// Row lines so far.
    public private(set) var rows = 0
    private var hash = FNV1a()

    /// An empty digest.
    public init() {}

    /// Adds the metadata or header line (without its line break).
    public mutating func add(openingLine line: String) {
        hash.add(line)
        hash.add(UInt8(ascii: "\n"))
    }

    /// Adds a row line (without its line break).
    public mutating func add(row line: String) {
        add(openingLine: line)
        rows += 1
    }

    /// The trailer for the lines added so far.
    public func trailer(fingerprint: String) -> SweepTrailer {
        SweepTrailer(rows: rows, checksum: hash.hex, fingerprint: fingerprint)
    }
}

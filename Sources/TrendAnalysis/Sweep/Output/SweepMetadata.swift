import Foundation

/// The first line of every sweep output: what was swept (a fingerprint), how many configurations
/// the whole grid has and which shard the file holds. Merging checks it.
///
/// CSV: `# trendfit-sweep v1 fingerprint=<16 hex digits> configurations=<count> shard=<K/N>`,
/// followed by ` array-task=<JOBID_TASKID>` when a Slurm array task wrote it.
/// JSON Lines: `{"trendfitSweep":{"configurations":…,"fingerprint":"…","shard":"K/N","version":1}}`
/// (with `"arrayTask":"JOBID_TASKID"`).
public struct SweepMetadata: Sendable, Equatable {
    /// Output format version.
    public static let version = 1

    /// Fingerprint of the spec, data and precision (`SweepFingerprint`).
    public var fingerprint: String
    /// Configurations in the whole grid.
    public var configurations: Int
    /// The shard the file holds.
    public var shard: Shard
    /// The Slurm array task that wrote the file, if one did (a label for messages).
    public var arrayTask: ArrayTaskLabel?

    /// Creates metadata.
    public init(fingerprint: String, configurations: Int, shard: Shard, arrayTask: ArrayTaskLabel? = nil) {
        self.fingerprint = fingerprint
        self.configurations = configurations
        self.shard = shard
        self.arrayTask = arrayTask
    }

    /// Whether `other` describes the same sweep and shard (whichever array task wrote it).
    public func matches(_ other: SweepMetadata) -> Bool {
        fingerprint == other.fingerprint && configurations == other.configurations && shard == other.shard
    }

    /// The metadata line in `format`, without a line break.
    public func line(_ format: SweepOutputFormat) -> String {
        switch format {
        case .csv:
            "# trendfit-sweep v\(Self.version) fingerprint=\(fingerprint) configurations=\(configurations) shard=\(shard)"
                + (arrayTask.map { " array-task=\($0)" } ?? "")
        case .jsonl:
            JSONValue.object(["trendfitSweep": .object([
                "version": .number(Double(Self.version)), "fingerprint": .string(fingerprint),
                "configurations": .number(Double(configurations)), "shard": .string(shard.description),
            ].merging(arrayTask.map { ["arrayTask": .string($0.description)] } ?? [:]) { $1 })]).canonicalText
        }
    }

    /// The `key=value` fields of a CSV metadata or trailer line, separated by spaces.
    static func keyValueFields(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        return fields
    }

    /// The metadata of the file at `path` (its first line); nil when it cannot be read or is not a sweep output.
    public static func read(fromFileAt path: String) -> (metadata: SweepMetadata, format: SweepOutputFormat)? {
        guard let reader = try? FileLineReader(path: path), let line = try? reader.next() else { return nil }
        return parse(line)
    }

    /// Reads a metadata line and the format it is written in; nil when `line` is not one.
    public static func parse(_ line: String) -> (metadata: SweepMetadata, format: SweepOutputFormat)? {
        let csvPrefix = "# trendfit-sweep v\(version) "
        if line.hasPrefix(csvPrefix) {
            let fields = keyValueFields(line.dropFirst(csvPrefix.count))
            guard let fingerprint = fields["fingerprint"], let count = fields["configurations"].flatMap({ Int($0) }),
                  let shard = fields["shard"].flatMap({ try? Shard(parsing: $0) })
            else { return nil }
            return (SweepMetadata(fingerprint: fingerprint, configurations: count, shard: shard,
                                  arrayTask: fields["array-task"].flatMap(ArrayTaskLabel.init(parsing:))), .csv)
        }
        guard case .object(let root)? = try? JSONValue(parsing: Data(line.utf8)),
              case .object(let fields)? = root["trendfitSweep"], fields["version"] == .number(Double(version)),
              case .string(let fingerprint)? = fields["fingerprint"],
              case .number(let countValue)? = fields["configurations"], let count = Int(exactly: countValue),
              case .string(let shardText)? = fields["shard"], let shard = try? Shard(parsing: shardText)
        else { return nil }
        var arrayTask: ArrayTaskLabel?
        if case .string(let label)? = fields["arrayTask"] { arrayTask = ArrayTaskLabel(parsing: label) }
        return (SweepMetadata(fingerprint: fingerprint, configurations: count, shard: shard, arrayTask: arrayTask), .jsonl)
    }
}

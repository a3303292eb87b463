/// Why shard outputs cannot be merged, naming the files (and lines) at fault.
public enum ShardMergeError: Error, Equatable, CustomStringConvertible {
    /// No file was given.
    case noFiles
    /// A file does not start with a sweep metadata line.
    case notSweepOutput(file: String)
    /// A file is not in the same format as the first one.
    case mixedFormats(file: String, expected: String, found: String)
    /// A file comes from a different sweep (spec, data or precision) than the first one.
    case differentSweep(file: String, firstFile: String, detail: String)
    /// A file's CSV header differs from the first file's.
    case differentHeader(file: String, firstFile: String)
    /// Two files hold the same shard.
    case duplicateShard(shard: String, files: [String])
    /// Some shards are missing; `given` says which file (and array task) holds which shard.
    case missingShards(shards: [Int], count: Int, given: [String])
    /// A file is not a finished sweep output (a `.partial` file, or one without its trailer).
    case unfinished(file: String, reason: String)
    /// A row (or the trailer) cannot be read or is out of place; `task` is the Slurm array task
    /// that wrote the file, when its metadata says.
    case badRow(file: String, line: Int, reason: String, task: ArrayTaskLabel? = nil)
    /// A file cannot be opened or read.
    case unreadable(file: String, reason: String)
    /// The merged output cannot be written.
    case cannotWrite(reason: String)

    public var description: String {
        switch self {
        case .noFiles:
            "no shard files to merge"
        case .notSweepOutput(let file):
            "\(file): not a trendfit sweep output (its first line is not a '# trendfit-sweep v\(SweepMetadata.version)' or {\"trendfitSweep\": …} line)"
        case .mixedFormats(let file, let expected, let found):
            "\(file): is \(found), but the first file is \(expected)"
        case .differentSweep(let file, let firstFile, let detail):
            "\(file): comes from a different sweep than \(firstFile): \(detail)"
        case .differentHeader(let file, let firstFile):
            "\(file): its header line differs from that of \(firstFile)"
        case .duplicateShard(let shard, let files):
            "shard \(shard) is given more than once: \(files.joined(separator: ", "))"
        case .missingShards(let shards, let count, let given):
            "missing shard\(shards.count == 1 ? "" : "s") \(shards.map { "\($0)/\(count)" }.joined(separator: ", ")) "
                + "(given: \(given.joined(separator: "; ")))"
        case .unfinished(let file, let reason):
            "\(file): not a finished sweep output: \(reason)"
        case .badRow(let file, let line, let reason, let task):
            "\(file):\(line)\(task.map { " (Slurm array task \($0))" } ?? ""): \(reason)"
        case .unreadable(let file, let reason):
            "cannot read \(file): \(reason)"
        case .cannotWrite(let reason):
            "cannot write the merged output: \(reason)"
        }
    }
}

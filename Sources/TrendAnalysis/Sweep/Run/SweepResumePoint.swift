/// Where an interrupted sweep continues: what of its in-progress file to keep, and the first
/// configuration to compute.
///
/// The rows of the file's last configuration may be incomplete (a run is stopped at any byte), so
/// that configuration is computed again: the file is kept up to its first row, and so is every
/// line before it that passes the checks of `merge` (whole, the right fields, configurations of
/// the shard in order). A trailer is dropped and written again at the end.
public struct SweepResumePoint: Sendable, Equatable {
    /// Bytes of the file to keep.
    public var keptBytes: Int
    /// Row count and checksum of the kept lines.
    public var digest: SweepDigest
    /// The first configuration to compute (in the shard's order); configurations before it are in the kept rows.
    public var firstConfiguration: Int

    /// The resume point of the in-progress file `input` of a run that would write `openingLines`
    /// (its metadata line for `metadata`, then the CSV header) in `format`; nil when the file
    /// holds less than those lines whole (the run starts over). Throws when the file belongs to
    /// another sweep, shard or format.
    public static func find(in input: ShardMerger.Input, metadata: SweepMetadata, format: SweepOutputFormat,
                            openingLines: [String]) throws(ShardMergeError) -> SweepResumePoint? {
        var lines = try input.lines()
        var wholeLines = 0
        while wholeLines < openingLines.count, try lines.next() != nil, lines.lineEndedWithBreak { wholeLines += 1 }
        guard wholeLines == openingLines.count else { return nil }
        var reader = try SweepFileReader(input)
        guard reader.format == format, reader.metadata.matches(metadata), reader.header == openingLines.dropFirst().first else {
            throw .differentSweep(file: input.name, firstFile: "this run",
                                  detail: "it starts with '\(reader.metadata.line(reader.format))'\(reader.header == openingLines.dropFirst().first ? "" : " and another header")")
        }
        var point = SweepResumePoint(keptBytes: reader.rowsOffset, digest: reader.digest, firstConfiguration: 0)
        var lastConfiguration: Int?
        while (try? reader.advance()) != nil, let row = reader.row {
            guard row.configuration != lastConfiguration else { continue }
            point = SweepResumePoint(keptBytes: row.offset, digest: reader.digest, firstConfiguration: row.configuration)
            lastConfiguration = row.configuration
        }
        return point
    }
}

extension SweepResumePoint {
    /// Reads back the rows kept in the in-progress file `input` (already cut to `keptBytes`) and
    /// hands them to `add` a configuration at a time, then the shard's configurations before
    /// `firstConfiguration` that have no rows: the summary and plot of a resumed run then see every
    /// row in the order an uninterrupted run adds them.
    public func replayKeptRows(of input: ShardMerger.Input, spec: SweepSpec, shard: Shard, format: SweepOutputFormat,
                               add: (_ rows: [SweepRow], _ configurations: [Int]) throws -> Void) throws {
        var lines = try input.lines()
        for _ in 0..<(format == .csv ? 2 : 1) { _ = try lines.next() }
        var reader = SweepRowReader(spec: spec, format: format)
        var pending: [SweepRow] = []
        var configurationsWithRows = Set<Int>()
        while lines.offset < keptBytes, let line = try lines.next() {
            let row = try reader.row(line, file: input.name, lineNumber: lines.number)
            if let last = pending.last?.configuration, last != row.configuration {
                try add(pending, [last])
                pending.removeAll()
            }
            pending.append(row)
            configurationsWithRows.insert(row.configuration)
        }
        if let last = pending.last?.configuration { try add(pending, [last]) }
        let empty = shard.configurations(of: firstConfiguration).filter { !configurationsWithRows.contains($0) }
        if !empty.isEmpty { try add([], empty) }
    }
}

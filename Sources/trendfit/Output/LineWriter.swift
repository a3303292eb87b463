import TrendAnalysis

/// Writes lines to an `OutputFile`, in batches of `linesPerWrite` (one system call per batch, not
/// per line); `finish` gives the file its name.
final class LineWriter {
    private let file: OutputFile
    /// Lines from `append` not yet written.
    private var pending: [String] = []
    private static let linesPerWrite = 4096

    /// Writes to `file`.
    init(_ file: OutputFile) {
        self.file = file
    }

    /// Writes what `append` queued, then each line followed by a line break.
    func write(_ lines: [String]) throws {
        try flush()
        guard !lines.isEmpty else { return }
        try file.write(lines.joined(separator: "\n") + "\n")
    }

    /// Queues one line, writing the queue once it holds a batch.
    func append(_ line: String) throws {
        pending.append(line)
        if pending.count == Self.linesPerWrite { try flush() }
    }

    /// Writes the lines `append` queued.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        try file.write(pending.joined(separator: "\n") + "\n")
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is queued, flushes the file to disk and gives it its name.
    func finish() throws {
        try flush()
        try file.commit()
    }
}

import Foundation

/// Writes lines to stdout, or to `<path>.partial`, renamed to `path` once complete (so an
/// interrupted shard leaves no file that `merge` would take for a finished one).
final class LineWriter {
    private let path: String?
    private let handle: FileHandle
    /// Lines from `append` not yet written; written in batches of `linesPerWrite` (one system
    /// call per batch, not per line) and by `finish`.
    private var pending: [String] = []
    private static let linesPerWrite = 4096

    /// Opens stdout (nil) or `<path>.partial`.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = .standardOutput
            return
        }
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil) else {
            throw CommandFailure("cannot create \(partial)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
    }

    /// Writes each line followed by a line break.
    func write(_ lines: [String]) throws {
        guard !lines.isEmpty else { return }
        try write(text: lines.joined(separator: "\n") + "\n")
    }

    /// Writes `text` as it is.
    func write(text: String) throws {
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Queues one line, writing the queue once it holds a batch.
    func append(_ line: String) throws {
        pending.append(line)
        if pending.count == Self.linesPerWrite { try flush() }
    }

    /// Writes the lines `append` queued.
    private func flush() throws {
        try write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is queued, then closes the file and gives it its final name.
    func finish() throws {
        try flush()
        guard let path else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
    }
}

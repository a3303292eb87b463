import Foundation

/// Reads a text file line by line (lines end at "\n"), a chunk at a time, so that a file of any
/// size takes little memory. Owns its file descriptor and closes it when released. Reads with the
/// system's `read`, so that an error part-way through the file is the system's reason
/// (`Input/output error`), never a Foundation message.
final class FileLineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private static let chunkSize = 1 << 20
    /// Bytes of the file up to the end of the line `next()` returned last (its line break included).
    private(set) var offset = 0
    /// Whether the line `next()` returned last ended with a line break (false for a cut last line).
    private(set) var lineEndedWithBreak = true

    /// Opens the file at `path`; the error is the system's reason (`No such file or directory`, `Is a directory`).
    init(path: String) throws(TextFileError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw TextFileError(reason: String(cString: strerror(errno))) }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw TextFileError(reason: String(cString: strerror(EISDIR)))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The next line without its line break, or nil at the end of the file; a final line break
    /// ends the last line rather than starting an empty one. A failed read throws the system's reason.
    func next() throws(TextFileError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                offset += newline + 1 - start
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                offset += buffer.count - start
                lineEndedWithBreak = false
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let kept = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + kept, Self.chunkSize) }
            let reason = count < 0 ? errno : 0
            buffer.removeLast(Self.chunkSize - max(count, 0))
            if count < 0 && reason == EINTR { continue }
            guard count >= 0 else { throw TextFileError(reason: String(cString: strerror(reason))) }
            atEnd = count == 0
        }
    }
}

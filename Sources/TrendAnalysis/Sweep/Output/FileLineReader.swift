import Foundation

/// Reads a text file line by line (lines end at "\n"), a chunk at a time, so that a file of any
/// size takes little memory. Owns its file handle and closes it when released.
final class FileLineReader {
    private let handle: FileHandle
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
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        try? handle.close()
    }

    /// The next line without its line break, or nil at the end of the file; a final line break
    /// ends the last line rather than starting an empty one.
    func next() throws -> String? {
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
            if let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty {
                buffer.append(contentsOf: data)
            } else {
                atEnd = true
            }
        }
    }
}

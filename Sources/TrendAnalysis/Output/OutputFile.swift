import Foundation

/// The one way TrendFit writes an output: standard output, a file replaced atomically, a device
/// or FIFO written through, or a sweep's locked in-progress file.
///
/// - A replaced file is written to a unique temporary file in the destination's folder
///   (`.NAME.XXXXXX.tmp`, created by `mkstemps`), flushed to disk with `fsync` and renamed onto the
///   name with `rename(2)`, so the name always holds either the old complete file or the new one.
///   It gets the old file's permissions, or those of a new file. Until `commit` the temporary file
///   is removed when the writer is released, and on SIGINT, SIGTERM or SIGHUP.
/// - An in-progress file (`NAME.partial`) is locked with `flock` for as long as the run writes
///   it: a second run with the same output refuses. `commit` renames it onto the name; a failed
///   or killed run leaves it for `sweep --resume`.
/// - Every failed write or flush throws, on standard output too.
public final class OutputFile {
    private enum Kind {
        case standardOutput
        case writeThrough
        case temporary(path: String, mode: mode_t)
        case inProgress(path: String)
    }

    /// The name the output is known by in messages.
    public let name: String
    /// The file the writer's name ends up at (`name`, or the target of a link).
    private let destination: String
    private let kind: Kind
    private let descriptor: Int32
    private var open = true

    /// Writes to standard output (without closing it).
    public static func standardOutput() -> OutputFile {
        fflush(nil)  // what `print` buffered goes first
        return OutputFile(name: "standard output", destination: "", kind: .standardOutput, descriptor: STDOUT_FILENO)
    }

    private init(name: String, destination: String, kind: Kind, descriptor: Int32) {
        self.name = name
        self.destination = destination
        self.kind = kind
        self.descriptor = descriptor
    }

    /// Opens `path` for writing: a temporary file to be renamed onto it, or the device or FIFO itself.
    public convenience init(path: String) throws(OutputFileError) {
        switch try OutputDestination(path) {
        case .writeThrough(let device):
            let descriptor = Glibc.open(device, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: Self.reason(errno)) }
            self.init(name: path, destination: device, kind: .writeThrough, descriptor: descriptor)
        case .replaceable(let target):
            let url = URL(fileURLWithPath: target)
            var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX.tmp").path.utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
            guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: Self.reason(errno)) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            PendingTemporaryFiles.register(temporary)
            var status = stat()
            let mode = stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~FileCreationMask.value
            self.init(name: path, destination: target, kind: .temporary(path: temporary, mode: mode), descriptor: descriptor)
        }
    }

    /// Opens and locks `partialPath`, the in-progress file of the output `path`, keeping what it holds.
    ///
    /// Refuses when another run holds the lock, or when the path is not a regular file.
    public static func inProgress(partialPath: String, for path: String) throws(OutputFileError) -> OutputFile {
        while true {
            let descriptor = Glibc.open(partialPath, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                let code = errno
                if code == ELOOP { throw .unsupportedType(path: partialPath, kind: FileKind.symbolicLink.description) }
                throw .cannotCreate(path: partialPath, reason: reason(code))
            }
            var opened = stat()
            guard fstat(descriptor, &opened) == 0, FileKind(opened) == .regular else {
                close(descriptor)
                throw .unsupportedType(path: partialPath, kind: FileKind(opened).description)
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK { throw .busy(partial: partialPath) }
                throw .cannotCreate(path: partialPath, reason: "cannot lock it: \(reason(code))")
            }
            // Another run may have renamed the file between open and flock: lock the file the name holds now.
            var named = stat()
            if stat(partialPath, &named) == 0, named.st_dev == opened.st_dev, named.st_ino == opened.st_ino {
                return OutputFile(name: partialPath, destination: path, kind: .inProgress(path: partialPath), descriptor: descriptor)
            }
            close(descriptor)
        }
    }

    deinit {
        discard()
    }

    /// Writes `text` to `path` (atomically, as `init(path:)` says) and gives it its name.
    public static func write(_ text: String, toPath path: String) throws(OutputFileError) {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Cuts an in-progress file to its first `length` bytes (writes go on from there).
    public func truncate(to length: Int) throws(OutputFileError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw .cannotWrite(path: name, reason: Self.reason(errno)) }
    }

    /// Writes `text` as it is.
    public func write(_ text: String) throws(OutputFileError) {
        let code = Self.write(text, toDescriptor: descriptor)
        guard code == 0 else { throw .cannotWrite(path: name, reason: Self.reason(code)) }
    }

    /// Writes `bytes` as they are (binary outputs).
    public func write(bytes: [UInt8]) throws(OutputFileError) {
        let code = bytes.withUnsafeBytes { Self.write($0, toDescriptor: descriptor) }
        guard code == 0 else { throw .cannotWrite(path: name, reason: Self.reason(code)) }
    }

    /// Flushes the output to disk and gives it its name; nothing is written after.
    public func commit() throws(OutputFileError) {
        guard open else { return }
        switch kind {
        case .standardOutput:
            open = false
        case .writeThrough:
            open = false
            guard close(descriptor) == 0 else { throw .cannotWrite(path: name, reason: Self.reason(errno)) }
        case .temporary(let temporary, let mode):
            try sync()
            guard fchmod(descriptor, mode) == 0 else { throw .cannotWrite(path: name, reason: Self.reason(errno)) }
            try rename(temporary)
            PendingTemporaryFiles.unregister(temporary)
        case .inProgress(let partial):
            try sync()
            try rename(partial)
        }
    }

    /// Closes the output without giving it its name: a temporary file is removed, an in-progress
    /// file stays (for `--resume`), standard output stays open.
    public func discard() {
        guard open else { return }
        open = false
        switch kind {
        case .standardOutput:
            return
        case .temporary(let temporary, _):
            unlink(temporary)
            PendingTemporaryFiles.unregister(temporary)
        case .writeThrough, .inProgress:
            break
        }
        close(descriptor)
    }

    private func sync() throws(OutputFileError) {
        guard fsync(descriptor) == 0 else {
            let code = errno
            discard()
            throw .cannotWrite(path: name, reason: Self.reason(code))
        }
    }

    /// Renames `source` onto the destination while the file is still open (and locked), then closes it.
    private func rename(_ source: String) throws(OutputFileError) {
        guard Glibc.rename(source, destination) == 0 else {
            let code = errno
            discard()
            throw .cannotWrite(path: name, reason: "cannot rename \(source) to it: \(Self.reason(code))")
        }
        open = false
        close(descriptor)
        let folder = Glibc.open(URL(fileURLWithPath: destination).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Writes every byte of `text` to `descriptor` with `write(2)`, stopping at the first failure
    /// (a descriptor that would block is a failure, never a wait); 0, or the failure's `errno`.
    public static func write(_ text: String, toDescriptor descriptor: Int32) -> Int32 {
        Array(text.utf8).withUnsafeBytes { write($0, toDescriptor: descriptor) }
    }

    /// Writes every byte of `buffer` to `descriptor`, as `write(_:toDescriptor:)` does for text.
    static func write(_ buffer: UnsafeRawBufferPointer, toDescriptor descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The process's file creation mask, read once.
enum FileCreationMask {
    static let value: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
}

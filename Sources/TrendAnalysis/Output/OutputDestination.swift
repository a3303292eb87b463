import Foundation

/// How an output path is written, decided by what the path names now.
///
/// A regular file or a name that does not exist yet is replaced atomically: written to a
/// temporary file in the same folder and renamed onto the name. A symbolic link is followed: the
/// file it points to is replaced the same way, in its own folder, and the link stays. A character
/// device (`/dev/null`, a terminal) or a FIFO is written directly, never replaced. A directory,
/// a block device, a socket and a link to nothing are refused.
public enum OutputDestination: Equatable, Sendable {
    /// Replaced atomically: `path` is the regular file to create or replace (a link's target).
    case replaceable(path: String)
    /// Written directly, as it is: a character device or a FIFO.
    case writeThrough(path: String)

    /// The destination `path` names now.
    public init(_ path: String) throws(OutputFileError) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let code = errno
            guard code == ENOENT else { throw .cannotCreate(path: path, reason: String(cString: strerror(code))) }
            self = .replaceable(path: path)
            return
        }
        let isLink = FileKind(status) == .symbolicLink
        if isLink && stat(path, &status) != 0 { throw .danglingLink(path: path) }
        switch FileKind(status) {
        case .regular:
            guard isLink else {
                self = .replaceable(path: path)
                return
            }
            guard let resolved = realpath(path, nil) else {
                throw .cannotCreate(path: path, reason: "cannot resolve the symbolic link: \(String(cString: strerror(errno)))")
            }
            defer { free(resolved) }
            self = .replaceable(path: String(cString: resolved))
        case .characterDevice, .fifo:
            self = .writeThrough(path: path)
        case .directory:
            throw .isDirectory(path: path)
        case let kind:
            throw .unsupportedType(path: path, kind: kind.description)
        }
    }
}

/// The type of a file, from its `stat` mode.
enum FileKind: Equatable, CustomStringConvertible {
    case regular, directory, symbolicLink, characterDevice, blockDevice, fifo, socket, other

    init(_ status: stat) {
        switch status.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    var description: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .fifo: "a FIFO"
        case .socket: "a socket"
        case .other: "a special file"
        }
    }
}

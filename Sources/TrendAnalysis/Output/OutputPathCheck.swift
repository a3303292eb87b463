import Foundation

/// Checks a run's output paths before any work is done: each must be writable safely
/// (`OutputDestination`) into a folder that exists and may be written, none may be one of the
/// run's inputs, and no two may be the same file.
///
/// Paths that exist are compared by device and inode (so a link, `./x` or a hard link is caught);
/// names that do not exist yet by their folder's resolved path. Character devices are exempt
/// (`--output /dev/null --plot /dev/null` is fine). Standard output counts as an output when it
/// is a regular file, so `--plot x > x` is refused too.
public enum OutputPathCheck {
    /// Throws when an output cannot be written safely or collides with an input or another output.
    public static func check(outputs: [String], inputs: [String]) throws(OutputFileError) {
        for output in outputs {
            guard case .replaceable(let path) = try OutputDestination(output) else { continue }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if access(folder, W_OK) != 0 {
                throw .cannotCreate(path: output, reason: "its folder \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let inputIdentities = inputs.compactMap { input in FileIdentity(path: input).map { (name: input, identity: $0) } }
        var seenOutputs: [(name: String, identity: FileIdentity)] = []
        if let standardOutput = FileIdentity(descriptor: STDOUT_FILENO) {
            if let input = inputIdentities.first(where: { $0.identity == standardOutput }) {
                throw .sameAsInput(output: "standard output", input: input.name)
            }
            seenOutputs.append(("standard output", standardOutput))
        }
        for output in outputs {
            guard let identity = FileIdentity(path: output) else { continue }
            if let input = inputIdentities.first(where: { $0.identity == identity }) {
                throw .sameAsInput(output: output, input: input.name)
            }
            if let other = seenOutputs.first(where: { $0.identity == identity }) {
                throw .sameAsOtherOutput(output: output, other: other.name)
            }
            seenOutputs.append((output, identity))
        }
    }
}

/// What makes two paths the same file: device and inode for a file that exists, else the resolved
/// path of the name. Nil for character devices, which may be named by several outputs.
enum FileIdentity: Equatable {
    case file(device: UInt64, inode: UInt64)
    case name(String)

    /// The identity of the file `path` names (following links).
    init?(path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            self.init(status)
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else {
            self = .name(url.standardizedFileURL.path)
            return
        }
        defer { free(resolved) }
        self = .name(String(cString: resolved) + "/" + url.lastPathComponent)
    }

    /// The identity of an open file descriptor; nil unless it is a regular file.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileKind(status) == .regular else { return nil }
        self.init(status)
    }

    private init?(_ status: stat) {
        guard FileKind(status) != .characterDevice else { return nil }
        self = .file(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

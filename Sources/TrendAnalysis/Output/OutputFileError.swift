/// Why an output file cannot be written, naming the path at fault.
public enum OutputFileError: Error, Equatable, CustomStringConvertible {
    /// The path names a directory.
    case isDirectory(path: String)
    /// The path names something that is neither a regular file, a character device nor a FIFO.
    case unsupportedType(path: String, kind: String)
    /// The path is a symbolic link whose target does not exist.
    case danglingLink(path: String)
    /// An output is also an input of the same run.
    case sameAsInput(output: String, input: String)
    /// Two outputs of the same run are the same file.
    case sameAsOtherOutput(output: String, other: String)
    /// Another run holds the lock on the in-progress file.
    case busy(partial: String)
    /// The file (or its temporary file) cannot be created or opened.
    case cannotCreate(path: String, reason: String)
    /// Writing, flushing or renaming failed.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .isDirectory(let path):
            "\(path) is a directory; name a file inside it"
        case .unsupportedType(let path, let kind):
            "\(path) is \(kind); outputs go to regular files, character devices (such as /dev/null) or FIFOs"
        case .danglingLink(let path):
            "\(path) is a symbolic link to a file that does not exist; remove the link or create its target"
        case .sameAsInput(let output, let input):
            "the output \(output) is the input \(input); writing it would destroy the input"
        case .sameAsOtherOutput(let output, let other):
            "the outputs \(other) and \(output) are the same file; give each output its own name"
        case .busy(let partial):
            "\(partial) is being written by another trendfit run (it holds the file's lock); give this run another --output, or wait for that run to finish"
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

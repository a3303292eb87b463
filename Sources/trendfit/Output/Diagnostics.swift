import Foundation

/// Messages for the person at the terminal, on stderr so that stdout stays machine-readable.
enum Diagnostics {
    /// Prints one line to stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

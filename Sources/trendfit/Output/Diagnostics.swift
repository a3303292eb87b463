import Foundation
import TrendAnalysis

/// Messages for the person at the terminal, on stderr so that stdout stays machine-readable.
///
/// Written with `write(2)`, and a failure is ignored: a closed, full or broken stderr never stops
/// or crashes a run (its results still go where they were asked to go).
enum Diagnostics {
    /// Prints one line to stderr.
    static func note(_ message: String) {
        write(message + "\n")
    }

    /// Writes `text` to stderr as it is, giving up at the first failed write.
    static func write(_ text: String) {
        _ = OutputFile.write(text, toDescriptor: STDERR_FILENO)
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar {
    private let label: String
    private let total: Int
    private let enabled: Bool

    /// Creates a bar for `total` units of work.
    init(label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
        enabled = Diagnostics.stderrIsTerminal
    }

    /// Redraws the bar at `done` units.
    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Diagnostics.write("\r\(label) \(bar) \(done * 100 / total)%")
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        Diagnostics.write("\r\u{1B}[2K")
    }
}

import Foundation

/// The most host memory a bootstrap may hold for its replicates and the working data of their
/// summaries; a request needing more is run in streamed passes within it or refused before any work.
public struct MemoryLimit: Sendable, Equatable, CustomStringConvertible {
    /// The limit in bytes.
    public let bytes: Int

    /// The smallest limit accepted: room for a few replicate chunks and the summaries' histograms.
    public static let minimumBytes = 1 << 20

    /// A limit of `bytes` bytes, at least `minimumBytes`.
    public init(bytes: Int) throws(TrendFitError) {
        guard bytes >= Self.minimumBytes else {
            throw .invalidPlan("a memory limit of \(Self.format(bytes: bytes)) is below the smallest usable, \(Self.format(bytes: Self.minimumBytes))")
        }
        self.bytes = bytes
    }

    private init(unchecked bytes: Int) {
        self.bytes = bytes
    }

    /// The default: 256 MiB, or a quarter of the physical memory where that is less.
    public static let standard = MemoryLimit(unchecked: max(minimumBytes, min(256 << 20, Int(ProcessInfo.processInfo.physicalMemory / 4))))

    /// Reads a size such as `512M`, `2G`, `1.5GiB` or `1048576` (bytes); units are powers of 1024.
    public init(parsing text: String) throws(TrendFitError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, shift: Int)] = [("KIB", 10), ("MIB", 20), ("GIB", 30), ("TIB", 40),
                                                      ("KB", 10), ("MB", 20), ("GB", 30), ("TB", 40),
                                                      ("K", 10), ("M", 20), ("G", 30), ("T", 40), ("B", 0)]
        let unit = units.first { trimmed.uppercased().hasSuffix($0.suffix) }
        let number = unit.map { String(trimmed.dropLast($0.suffix.count)) } ?? trimmed
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0,
              value * pow(2, Double(unit?.shift ?? 0)) < 0x1p62 else {
            throw .invalidPlan("memory limit '\(text)' is not a size such as 512M, 2G or a number of bytes")
        }
        try self.init(bytes: Int((value * pow(2, Double(unit?.shift ?? 0))).rounded(.down)))
    }

    /// The limit in the largest binary unit that keeps it at least 1, e.g. `256 MiB`.
    public var description: String { Self.format(bytes: bytes) }

    /// `bytes` in the largest binary unit that keeps it at least 1, e.g. `1.5 GiB`.
    public static func format(bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024 && index < units.count - 1 {
            value /= 1024
            index += 1
        }
        guard index > 0 else { return "\(bytes) bytes" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[index])" : "\(rounded) \(units[index])"
    }

    /// Refuses a request that would hold `needed` bytes for `what` when that exceeds the limit.
    public func check(_ needed: Int, for what: String) throws(TrendFitError) {
        guard needed <= bytes else { throw .memoryLimit(needed: needed, limit: bytes, what: what) }
    }
}

import Foundation

/// Temporary output files not yet renamed, removed if SIGINT, SIGTERM or SIGHUP ends the process
/// (a signal handler may only call async-signal-safe functions, so the paths are kept as C strings
/// in a fixed table).
enum PendingTemporaryFiles {
    private static let capacity = 16
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the parent ignores (nohup: SIGHUP) stays ignored.
            let previous = signal(signalNumber, removeAndReraise)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(signalNumber, SIG_IGN)
            }
        }
        return slots
    }()
    private static let lock = NSLock()

    /// Removes `path` when the process is ended by a signal.
    static func register(_ path: String) {
        lock.withLock {
            guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return }
            slots[free] = strdup(path)
        }
    }

    /// Forgets `path` (it was renamed or removed).
    static func unregister(_ path: String) {
        lock.withLock {
            for index in 0..<capacity {
                guard let slot = slots[index], String(cString: slot) == path else { continue }
                slots[index] = nil
                free(slot)
            }
        }
    }

    private static let removeAndReraise: @convention(c) (Int32) -> Void = { signalNumber in
        for index in 0..<PendingTemporaryFiles.capacity {
            if let slot = PendingTemporaryFiles.slots[index] { unlink(slot) }
        }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}

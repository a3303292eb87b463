import Foundation

/// Runs the built `trendfit` executable as a child process, for tests whose subject is the process
/// itself: exit status, what reaches stdout and stderr, files left behind.
///
/// The executable is the one SwiftPM builds next to the test bundle (`swift test` builds it). The
/// child gets the test's environment without `SLURM_*` variables, plus `environment`. Each
/// standard stream is captured, sent to a path (`/dev/full`), closed, or a pipe nobody reads.
public struct TrendfitProcess {
    /// Where a standard stream of the child goes.
    public enum Stream {
        /// Captured into the result.
        case capture
        /// Opened on this path (`/dev/full`, `/dev/null`, a file).
        case path(String)
        /// Opened for appending on this path (`>>` in a shell).
        case append(String)
        /// Closed (`2>&-` in a shell).
        case closed
        /// A pipe whose reading end is closed: every write fails with EPIPE.
        case brokenPipe
    }

    /// How a finished child ended and what it wrote.
    public struct Result {
        /// The exit status, or the signal number when `signalled`.
        public var status: Int32
        /// Whether a signal ended the process (a crash, or a kill).
        public var signalled: Bool
        /// What the process wrote to stdout (when captured).
        public var stdout: String
        /// What the process wrote to stderr (when captured).
        public var stderr: String

        /// Exited normally with status 0.
        public var succeeded: Bool { !signalled && status == 0 }
        /// Exited normally with a non-zero status (an error the tool reported, not a crash).
        public var failedCleanly: Bool { !signalled && status != 0 }
    }

    /// The `trendfit` executable next to the test bundle.
    public static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("trendfit")

    /// The child process.
    public let process = Process()
    private let captureFolder: URL

    /// Starts trendfit with `arguments`; `wait()` collects the result.
    public init(_ arguments: [String], environment: [String: String] = [:],
         stdout: Stream = .capture, stderr: Stream = .capture) throws {
        captureFolder = FileManager.default.temporaryDirectory.appendingPathComponent("trendfit-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: captureFolder, withIntermediateDirectories: true)
        var redirections = ""
        for (descriptor, stream, name) in [(1, stdout, "stdout"), (2, stderr, "stderr")] {
            switch stream {
            case .capture: redirections += " \(descriptor)>'\(captureFolder.appendingPathComponent(name).path)'"
            case .path(let path): redirections += " \(descriptor)>'\(path)'"
            case .append(let path): redirections += " \(descriptor)>>'\(path)'"
            case .closed: redirections += " \(descriptor)>&-"
            case .brokenPipe:
                let pipe = Pipe()
                try pipe.fileHandleForReading.close()
                if descriptor == 1 { process.standardOutput = pipe } else { process.standardError = pipe }
            }
        }
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \"$@\"" + redirections, Self.executable.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Runs trendfit to the end.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                    stdout: Stream = .capture, stderr: Stream = .capture) throws -> Result {
        try TrendfitProcess(arguments, environment: environment, stdout: stdout, stderr: stderr).wait()
    }

    /// Waits for the process to end and collects its result.
    public func wait() -> Result {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: captureFolder) }
        func captured(_ name: String) -> String {
            (try? String(contentsOf: captureFolder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: captured("stdout"), stderr: captured("stderr"))
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}

/// A fresh temporary folder for one test, removed when released.
public final class ScratchFolder {
    /// The folder.
    public let url = FileManager.default.temporaryDirectory.appendingPathComponent("trendfit-test-\(UUID().uuidString)")

    /// Creates the folder.
    public init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the folder, sorted.
    public func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    /// Writes `text` to `name`; returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try text.write(toFile: path(name), atomically: false, encoding: .utf8)
        return path(name)
    }

    /// The bytes of `name`.
    public func data(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}

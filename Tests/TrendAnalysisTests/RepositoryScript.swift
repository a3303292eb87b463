import Foundation
import TestSupport

/// A script of the repository's `scripts/` folder, run by bash to its end for a test.
struct RepositoryScript {
    /// What the script printed and how it ended.
    struct Result {
        let status: Int32
        let stdoutLines: [String]
        let stderr: String
    }

    /// The script's path.
    let url: URL

    /// The script `scripts/<name>` of this repository.
    init(_ name: String) {
        url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts").appendingPathComponent(name)
    }

    /// Runs the script without arguments and waits for it.
    func run() throws -> Result {
        let folder = try ScratchFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [url.path]
        let stdout = folder.path("stdout"), stderr = folder.path("stderr")
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdoutLines: try String(contentsOfFile: stdout, encoding: .utf8).split(separator: "\n").map(String.init),
                      stderr: try String(contentsOfFile: stderr, encoding: .utf8))
    }
}

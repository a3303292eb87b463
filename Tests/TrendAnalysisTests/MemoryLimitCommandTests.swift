import Foundation
import Testing
import TrendFit

/// `--memory-limit`, run as a subprocess: `bootstrap` beyond the limit forms the same report and
/// replicate file in streamed passes; `trends` beyond it is refused before any work, naming the
/// limit and the option that raises it.
@Suite struct MemoryLimitCommandTests {
    /// 30 000 resamples of two coefficients hold about 1.4 MiB with their summaries: more than 1 MiB.
    static let resamples = "30000"

    static func bootstrap(_ folder: ScratchFolder, interval: String, replicates: String, limit: [String]) throws -> TrendfitProcess.Result {
        let data = try folder.write(ReplicateFileCommandTests.csv, to: "data.csv")
        return try TrendfitProcess.run(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", resamples, "--seed", "5",
                                        "--min-distinct", "4", "--interval", interval, "--confidence", "0.9,0.95",
                                        "--backend", "cpu", "--format", "json", "--replicates", folder.path(replicates)] + limit)
    }

    @Test(arguments: ["percentile", "bca", "studentized"])
    func streamedBootstrapReportsWhatTheStoredOneDoes(interval: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = try ScratchFolder()
        let stored = try Self.bootstrap(folder, interval: interval, replicates: "stored.csv", limit: [])
        let streamed = try Self.bootstrap(folder, interval: interval, replicates: "streamed.csv", limit: ["--memory-limit", "1M"])
        #expect(stored.succeeded && streamed.succeeded, "\(stored.stderr) \(streamed.stderr)")
        #expect(stored.stdout.contains("\"validResamples\"") && streamed.stdout == stored.stdout)
        #expect(streamed.stderr == stored.stderr)
        #expect(try folder.data("streamed.csv") == folder.data("stored.csv"))
    }

    @Test func trendsBeyondTheLimitIsRefusedBeforeAnyWork() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["trends", "--resamples", "2000000000", "--memory-limit", "1M", "--backend", "cpu"])
        #expect(run.failedCleanly && run.stdout.isEmpty)
        #expect(run.stderr.contains("2000000000 resamples of"), "\(run.stderr)")
        #expect(run.stderr.contains("more than the memory limit of 1 MiB; raise the limit with --memory-limit (no work was done)"))
    }

    @Test func aLimitBelowOneMebibyteIsABadArgument() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["bootstrap", "x.csv", "--y", "y", "--x", "x", "--memory-limit", "64K"])
        #expect(run.status == 64 && !run.signalled)
        #expect(run.stderr.contains("The value '64K' is invalid for '--memory-limit <size>': give a size of at least 1 MiB, such as 512M or 4G"),
                "\(run.stderr)")
    }
}

import Foundation
import Testing
import TestSupport
import TrendFit

/// `--memory-limit`, run as a subprocess: `bootstrap`, `trends` and `breakpoints` beyond the limit
/// form the same output in streamed passes; `trends --plot` beyond it is refused before any work,
/// naming the limit and the option that raises it.
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

    /// The backends the analyses run on: the CPU backend, and the first OpenCL device that is not a
    /// simulator (PoCL), as `trendfit devices` numbers it, when there is one.
    static let backends: [[String]] = [["--backend", "cpu"]]
        + (OpenCLTestDevices.all.firstIndex { !$0.isSimulator }.map { [["--device", "\($0)"]] } ?? [])

    /// Runs `arguments` with no limit and with 1 MiB, which their replicates exceed; expects the
    /// same output, byte for byte, and the same diagnostics.
    static func expectStreamedRunMatchesStoredRun(_ arguments: [String]) throws {
        let stored = try TrendfitProcess.run(arguments)
        let streamed = try TrendfitProcess.run(arguments + ["--memory-limit", "1M"])
        #expect(stored.succeeded && streamed.succeeded, "\(stored.stderr) \(streamed.stderr)")
        #expect(stored.stdout.contains("\"validResamples\"") && streamed.stdout == stored.stdout, "\(arguments)")
        #expect(streamed.stderr == stored.stderr)
    }

    /// Three era trends and three comparisons (two independent, one joint) at two levels: 6000
    /// resamples of 9 problems hold about 1.8 MiB, so the 1 MiB run streams them in many chunks.
    @Test(arguments: backends)
    func trendsBeyondTheLimitReportWhatTheStoredRunDoes(backend: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        try Self.expectStreamedRunMatchesStoredRun(
            ["trends", "--subset", "all", "--resamples", "6000", "--confidence", "0.9,0.8", "--format", "json",
             "--compare", "Pre Deep Learning Era,Deep Learning Era", "--compare", "Deep Learning Era/large,Deep Learning Era/regular",
             "--compare", "Deep Learning Era/all,Deep Learning Era/large"] + backend)
    }

    /// Eleven candidate dates in two subsets: 2000 resamples of their problems and the best breaks hold more than 1 MiB.
    @Test(arguments: backends)
    func breakpointsBeyondTheLimitReportWhatTheStoredRunDoes(backend: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        try Self.expectStreamedRunMatchesStoredRun(
            ["breakpoints", "--from", "2010", "--to", "2020", "--step", "1y", "--subset", "all", "--subset", "large", "--resamples", "2000",
             "--confidence", "0.9,0.8", "--format", "json"] + backend)
    }

    /// A plot's bands need every replicate: beyond the limit `trends --plot` is refused before any
    /// work, naming the limit and the option that raises it, and writes no file.
    @Test func trendsWithAPlotBeyondTheLimitIsRefusedBeforeAnyWork() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = try ScratchFolder()
        let run = try TrendfitProcess.run(["trends", "--resamples", "2000000000", "--memory-limit", "1M", "--backend", "cpu",
                                           "--plot", folder.path("trends.svg")])
        #expect(run.failedCleanly && run.stdout.isEmpty)
        #expect(run.stderr.contains("2000000000 resamples of"), "\(run.stderr)")
        #expect(run.stderr.contains("more than the memory limit of 1 MiB; raise the limit with --memory-limit (no work was done)"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("trends.svg")))
    }

    @Test func aLimitBelowOneMebibyteIsABadArgument() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["bootstrap", "x.csv", "--y", "y", "--x", "x", "--memory-limit", "64K"])
        #expect(run.status == 64 && !run.signalled)
        #expect(run.stderr.contains("The value '64K' is invalid for '--memory-limit <size>': give a size of at least 1 MiB, such as 512M or 4G"),
                "\(run.stderr)")
    }
}

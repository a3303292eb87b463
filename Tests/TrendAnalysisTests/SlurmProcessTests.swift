import Foundation
import Testing
import TestSupport
import TrendAnalysis

/// `trendfit` run as a process: Slurm sharding, merged summaries and plots, thread counts.
@Suite struct SlurmProcessTests {
    /// Runs trendfit with `arguments` and extra environment variables (no inherited SLURM_ ones).
    static func trendfit(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try TrendfitProcess.run(arguments, environment: environment)
        return (result.status, result.stdout, result.stderr)
    }

    /// A folder with the eight-configuration spec and its data; removed by the caller.
    static func sweepFolder() throws -> (folder: URL, common: [String]) {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path), "swift test builds trendfit")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trendfit-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeSweepInputs(to: folder)
        return (folder, ["--data", folder.appendingPathComponent("data.csv").path, "--backend", "cpu"])
    }

    static func slurm(id: Int, minimum: Int, maximum: Int, step: Int = 1, count: Int) -> [String: String] {
        SlurmShardTests.environment(id: id, minimum: minimum, maximum: maximum, step: step, count: count)
    }

    @Test func slurmVariablesAreReadOnlyWithShardSlurm() throws {
        let (folder, common) = try Self.sweepFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func firstLine(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8).components(separatedBy: "\n")[0] }
        let sweep = ["sweep", path("spec.json")] + common
        let task = Self.slurm(id: 6, minimum: 0, maximum: 6, step: 2, count: 4)

        // A job submitted from inside an array task inherits its variables: without --shard it runs the whole sweep.
        #expect(try Self.trendfit(sweep + ["--output", path("whole.csv")], environment: task).status == 0)
        #expect(try firstLine("whole.csv").hasSuffix("configurations=8 shard=1/1"))
        #expect(try Self.trendfit(sweep + ["--output", path("s4.csv"), "--shard", "slurm"], environment: task).status == 0)
        #expect(try firstLine("s4.csv").hasSuffix("shard=4/4"))

        let list = try Self.trendfit(sweep + ["--output", path("list.csv"), "--shard", "slurm"],
                                     environment: Self.slurm(id: 3, minimum: 0, maximum: 7, count: 3))
        #expect(list.status != 0 && list.stderr.contains("a list such as --array=0,3,7 gives no step"))
        let resubmitted = try Self.trendfit(sweep + ["--output", path("one.csv"), "--shard", "slurm"],
                                            environment: Self.slurm(id: 1, minimum: 1, maximum: 1, count: 1))
        #expect(resubmitted.status != 0 && resubmitted.stderr.contains("the array has one task (1)"))
        let overflowing = try Self.trendfit(sweep + ["--output", path("big.csv"), "--shard", "slurm"],
                                            environment: ["SLURM_ARRAY_TASK_ID": "99999999999999999999", "SLURM_ARRAY_TASK_MIN": "0",
                                                          "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "4"])
        #expect(overflowing.status == 1 && overflowing.stderr.contains("SLURM_ARRAY_TASK_ID='99999999999999999999' is not a whole number"))
        let outside = try Self.trendfit(sweep + ["--output", path("none.csv"), "--shard", "slurm"])
        #expect(outside.status != 0 && outside.stderr.contains("SLURM_ARRAY_TASK_ID is not set"))
        for name in ["list.csv", "one.csv", "big.csv", "none.csv"] { #expect(!FileManager.default.fileExists(atPath: path(name))) }
    }

    @Test(arguments: ["csv", "jsonl"])
    func mergeSummaryAndPlotAreThoseOfTheUnshardedSweep(format: String) throws {
        let (folder, common) = try Self.sweepFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let sweep = ["sweep", path("spec.json")] + common
        let whole = try Self.trendfit(sweep + ["--output", path("whole.\(format)"), "--plot", path("whole.svg")])
        #expect(whole.status == 0 && whole.stdout.hasPrefix("Sweep summary: 8 configurations"))
        var shards: [String] = []
        for task in 1...3 {
            shards.append(path("shard-\(task).\(format)"))
            let run = try Self.trendfit(sweep + ["--output", shards.last!, "--shard", "slurm", "--plot", path("shard-\(task).svg")],
                                        environment: Self.slurm(id: task, minimum: 1, maximum: 3, count: 3))
            #expect(run.status == 0)
            #expect(run.stderr.contains("sweep: warning: --plot \(path("shard-\(task).svg")) draws \(task == 1 ? 2 : 1) of the plot's 4 configurations"),
                    "shard \(task): \(run.stderr)")
        }
        let merged = try Self.trendfit(["merge"] + shards + ["--spec", path("spec.json"), "--data", path("data.csv"), "--summary",
                                                            "--plot", path("merged.svg"), "--output", path("merged.\(format)")])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("merged.svg"))) == Data(contentsOf: URL(fileURLWithPath: path("whole.svg"))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("merged.\(format)"))) == Data(contentsOf: URL(fileURLWithPath: path("whole.\(format)"))))

        // Without --output the rows go to stdout and the summary to stderr.
        let toStdout = try Self.trendfit(["merge"] + shards + ["--spec", path("spec.json"), "--data", path("data.csv"), "--summary"])
        #expect(toStdout.status == 0 && toStdout.stderr.contains(whole.stdout))
        // Other data than the sweep's: refused, naming what to give.
        let otherData = try Self.trendfit(["merge"] + shards + ["--spec", path("spec.json"), "--summary", "--output", path("other.csv")])
        #expect(otherData.status != 0 && otherData.stderr.contains("give the sweep's --spec, --data and --precision"))
        let noSpec = try Self.trendfit(["merge"] + shards + ["--summary"])
        #expect(noSpec.status != 0 && noSpec.stderr.contains("--summary and --plot need the sweep's --spec"))
    }

    @Test func theCPUBackendRunsOnTheThreadsItIsGiven() throws {
        let json = try Self.trendfit(["devices", "--format", "json", "--threads", "3"])
        #expect(json.status == 0 && json.stdout.contains("\"name\":\"CPU, 3 threads\""))
        let slurm = try Self.trendfit(["devices"], environment: ["SLURM_CPUS_PER_TASK": "1"])
        #expect(slurm.stdout.contains("CPU, 1 thread "))
        let (folder, common) = try Self.sweepFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try Self.trendfit(["sweep", folder.appendingPathComponent("spec.json").path, "--threads", "2"] + common)
        #expect(sweep.status == 0 && sweep.stderr.contains("on cpu (CPU, 2 threads)"))
        let data = folder.appendingPathComponent("data.csv").path
        for command in [["fit", data, "--y", "Domain"], ["bootstrap", data, "--y", "Domain"], ["trends"],
                        ["breakpoints", "--from", "2005", "--to", "2010"], ["sweep", "spec.json"], ["bench"], ["compare"], ["devices"]] {
            let refused = try Self.trendfit(command + ["--threads", "0"])
            #expect(refused.status == 64 && refused.stderr.contains("--threads must be from 1 to 1024, got 0"), "\(command)")
        }
    }
}

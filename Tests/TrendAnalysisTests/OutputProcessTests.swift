import Foundation
import Testing
import TestSupport
import TrendAnalysis

/// Writes `sweepDataset` as `data.csv` and `spec` as `spec.json` into `folder`.
func writeSweepInputs(to folder: URL, spec: String = eightConfigurations) throws {
    let csv = ["Model,Publication date,Training compute (FLOP),Domain"] + sweepDataset.systems.map {
        "\($0.name),\($0.date),\($0.value),\($0.domains.joined(separator: ","))"
    }
    try (csv.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("data.csv"), atomically: false, encoding: .utf8)
    try spec.write(to: folder.appendingPathComponent("spec.json"), atomically: false, encoding: .utf8)
}

/// Writes the sweep's inputs into `folder` (`writeSweepInputs`); returns the arguments of a sweep
/// of them on the CPU backend.
func sweepArguments(in folder: ScratchFolder, spec: String = eightConfigurations) throws -> [String] {
    try writeSweepInputs(to: folder.url, spec: spec)
    return ["sweep", folder.path("spec.json"), "--data", folder.path("data.csv"), "--backend", "cpu"]
}

/// The kind of file at `path` (not following a link).
func fileKind(_ path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
}

/// The size in bytes of the file at `path`, 0 when there is none.
func fileSize(_ path: String) -> Int {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : 0
}

/// Every command's results, wherever they go, either arrive whole or the run fails with a message;
/// a broken stderr never stops a run.
@Suite struct StandardStreamProcessTests {
    @Test func resultsThatCannotReachStandardOutputFailTheRun() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder)
        let line = try folder.write("x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n6,11.8\n", to: "line.csv")
        let data = folder.path("data.csv")
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("whole.csv")]).succeeded)
        let commands: [[String]] = [
            ["fit", line, "--y", "y", "--x", "x", "--backend", "cpu"],
            ["bootstrap", line, "--y", "y", "--x", "x", "--resamples", "200", "--seed", "1", "--backend", "cpu"],
            ["trends", data, "--resamples", "50", "--backend", "cpu"],
            ["breakpoints", data, "--from", "2005-01-01", "--to", "2015-01-01", "--step", "1y", "--resamples", "50", "--backend", "cpu"],
            ["devices"],
            sweep,
            ["merge", folder.path("whole.csv")],
        ]
        for command in commands {
            let normal = try TrendfitProcess.run(command)
            #expect(normal.succeeded && !normal.stdout.isEmpty, "\(command[0]): \(normal.stderr)")
            let full = try TrendfitProcess.run(command, stdout: .path("/dev/full"))
            #expect(full.failedCleanly && full.stderr.contains("standard output: No space left on device"), "\(command[0]): \(full.stderr)")
            let broken = try TrendfitProcess.run(command, stdout: .brokenPipe)
            #expect(broken.failedCleanly && broken.stderr.contains("standard output: Broken pipe"), "\(command[0]): \(broken.stderr)")
            let closed = try TrendfitProcess.run(command, stdout: .closed)
            #expect(closed.failedCleanly && closed.stderr.contains("standard output: Bad file descriptor"), "\(command[0]): \(closed.stderr)")
        }
    }

    @Test func aClosedFullOrBrokenStderrNeverStopsARun() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder)
        let trends = ["trends", folder.path("data.csv"), "--resamples", "50", "--backend", "cpu"]
        let reference = try TrendfitProcess.run(trends)
        #expect(reference.succeeded && reference.stdout.contains("Trends in"))
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("reference.csv")]).succeeded)
        for stderr in [TrendfitProcess.Stream.closed, .path("/dev/full"), .brokenPipe] {
            let result = try TrendfitProcess.run(trends, stderr: stderr)
            #expect(result.succeeded && result.stdout == reference.stdout, "stderr \(stderr)")
            let swept = try TrendfitProcess.run(sweep + ["--output", folder.path("out.csv"), "--plot", folder.path("out.svg")], stderr: stderr)
            #expect(swept.succeeded && swept.stdout.contains("slope"), "stderr \(stderr)")
            #expect(try folder.data("out.csv") == folder.data("reference.csv"))
            try FileManager.default.removeItem(atPath: folder.path("out.csv"))
        }
        // With stderr closed, the output file must not take its descriptor (notes would go into it).
        #expect(try folder.names() == ["data.csv", "out.svg", "reference.csv", "spec.json"])
    }
}

/// Outputs never replace what they must not: directories, inputs, other outputs, links, devices, FIFOs.
@Suite struct OutputPathProcessTests {
    @Test func directoriesInputsAndTwiceNamedOutputsAreRefused() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder)
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("whole.csv")]).succeeded)
        try FileManager.default.createDirectory(atPath: folder.path("results"), withIntermediateDirectories: false)
        try folder.write("keep me", to: "results/notes.txt")
        try FileManager.default.linkItem(atPath: folder.path("data.csv"), toPath: folder.path("alias.csv"))
        let data = try folder.data("data.csv")
        let whole = try folder.data("whole.csv")
        let refusals: [(arguments: [String], message: String)] = [
            (sweep + ["--output", folder.path("results"), "--format", "csv"], "\(folder.path("results")) is a directory"),
            (["merge", folder.path("whole.csv"), "--output", folder.path("results")], "\(folder.path("results")) is a directory"),
            (sweep + ["--output", folder.path("x.csv"), "--plot", folder.path("results")], "\(folder.path("results")) is a directory"),
            (sweep + ["--output", folder.path("x.csv"), "--plot", folder.path("data.csv")], "the output \(folder.path("data.csv")) is the input"),
            (sweep + ["--output", folder.path("x.csv"), "--plot", folder.path("alias.csv")], "the output \(folder.path("alias.csv")) is the input"),
            (sweep + ["--output", folder.path("spec.json"), "--format", "csv"], "the output \(folder.path("spec.json")) is the input"),
            (sweep + ["--output", folder.path("x.csv"), "--plot", folder.path("./x.csv")], "are the same file"),
            (["merge", folder.path("whole.csv"), "--output", folder.path("whole.csv")], "the output \(folder.path("whole.csv")) is the input"),
            (["trends", folder.path("data.csv"), "--resamples", "20", "--backend", "cpu", "--plot", folder.path("alias.csv")], "is the input"),
            (sweep + ["--output", folder.path("x.csv"), "--plot", folder.path("nowhere/x.svg")],
             "cannot create \(folder.path("nowhere/x.svg")): its folder \(folder.path("nowhere")): No such file or directory"),
        ]
        for (arguments, message) in refusals {
            let result = try TrendfitProcess.run(arguments)
            #expect(result.failedCleanly && result.stderr.contains(message), "\(arguments.suffix(4)): \(result.stderr)")
        }
        #expect(try folder.data("data.csv") == data && folder.data("whole.csv") == whole)
        #expect(try String(contentsOfFile: folder.path("results/notes.txt"), encoding: .utf8) == "keep me")
        #expect(try folder.names() == ["alias.csv", "data.csv", "results", "spec.json", "whole.csv"])
    }

    @Test func standardOutputAppendedToTheInputIsRefusedBeforeAnyWork() throws {
        let folder = try ScratchFolder()
        let line = try folder.write("x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n6,11.8\n", to: "line.csv")
        let systems = try folder.write(Self.systemsCSV, to: "systems.csv")
        let commands: [(arguments: [String], input: String)] = [
            (["fit", line, "--y", "y", "--x", "x", "--backend", "cpu"], line),
            (["bootstrap", line, "--y", "y", "--x", "x", "--resamples", "50", "--backend", "cpu"], line),
            (["trends", systems, "--resamples", "20", "--backend", "cpu"], systems),
            (["breakpoints", systems, "--from", "2012-01-01", "--to", "2014-01-01", "--step", "1y", "--resamples", "20",
              "--backend", "cpu"], systems),
        ]
        for (arguments, input) in commands {
            let before = try Data(contentsOf: URL(fileURLWithPath: input))
            let result = try TrendfitProcess.run(arguments, stdout: .append(input))
            #expect(result.failedCleanly && result.stderr.contains("standard output is the input \(input)"),
                    "\(arguments[0]): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before, "\(arguments[0]) wrote into its input")
        }
    }

    /// A small systems table in the embedded dataset's columns.
    private static let systemsCSV = """
        Model,Publication date,Training compute (FLOP)
        A,2011-03-01,1e17
        B,2012-05-01,3e17
        C,2013-07-01,2e18
        D,2014-02-01,9e18
        E,2015-06-01,4e19

        """

    @Test func linksAreFollowedAndDevicesAndFIFOsWrittenThroughNeverReplaced() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder)
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("whole.csv")]).succeeded)
        let whole = try folder.data("whole.csv")

        try FileManager.default.createDirectory(atPath: folder.path("store"), withIntermediateDirectories: false)
        try folder.write("old", to: "store/target.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.csv"), withDestinationPath: folder.path("store/target.csv"))
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("link.csv")]).succeeded)
        #expect(fileKind(folder.path("link.csv")) == .typeSymbolicLink)
        #expect(try folder.data("store/target.csv") == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("store")) == ["target.csv"])

        try FileManager.default.createSymbolicLink(atPath: folder.path("dangling.csv"), withDestinationPath: folder.path("nowhere/x.csv"))
        let dangling = try TrendfitProcess.run(["merge", folder.path("whole.csv"), "--output", folder.path("dangling.csv")])
        #expect(dangling.failedCleanly && dangling.stderr.contains("is a symbolic link to a file that does not exist"))
        #expect(fileKind(folder.path("dangling.csv")) == .typeSymbolicLink)

        let toNull = try TrendfitProcess.run(sweep + ["--output", "/dev/null", "--format", "csv", "--plot", "/dev/null"])
        #expect(toNull.succeeded, "\(toNull.stderr)")
        let toFull = try TrendfitProcess.run(["merge", folder.path("whole.csv"), "--output", "/dev/full"])
        #expect(toFull.failedCleanly && toFull.stderr.contains("cannot write /dev/full: No space left on device"))
        for device in ["/dev/null", "/dev/full"] { #expect(fileKind(device) == .typeCharacterSpecial) }
        let resume = try TrendfitProcess.run(sweep + ["--output", "/dev/null", "--format", "csv", "--resume"])
        #expect(resume.failedCleanly && resume.stderr.contains("--resume needs --output naming a regular file"))

        #expect(mkfifo(folder.path("fifo"), 0o600) == 0)
        let merge = try TrendfitProcess(["merge", folder.path("whole.csv"), "--output", folder.path("fifo")])
        let received = try #require(FileHandle(forReadingAtPath: folder.path("fifo"))).readDataToEndOfFile()
        #expect(merge.wait().succeeded)
        #expect(received == whole)
        var status = stat()
        #expect(lstat(folder.path("fifo"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try folder.names() == ["dangling.csv", "data.csv", "fifo", "link.csv", "spec.json", "store", "whole.csv"])
    }
}

/// A sweep's in-progress file: locked against a second run, kept by a stopped run, continued by `--resume`.
@Suite struct SweepInProgressProcessTests {
    /// 33 configurations of 2000 resamples: a few seconds, so a run can be stopped midway.
    static let longSweep = """
        {"periods": [{"name": "Early", "start": "2000", "end": "split"}, {"name": "Late", "start": "split"}],
         "subsets": ["all", "regular"], "resamples": 2000, "seed": 31,
         "sweep": [{"name": "split", "from": "2006", "to": "2014", "step": "3m"}]}
        """

    @Test func aSecondRunWithTheSameOutputRefusesWhileTheFirstHoldsTheLock() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder) + ["--output", folder.path("out.csv")]
        try folder.write("rows of a running sweep\n", to: "out.csv.partial")
        let holder = open(folder.path("out.csv.partial"), O_RDONLY)
        #expect(flock(holder, LOCK_EX) == 0)
        let refused = try TrendfitProcess.run(sweep)
        #expect(refused.failedCleanly && refused.stderr.contains("\(folder.path("out.csv.partial")) is being written by another trendfit run"))
        #expect(try String(contentsOfFile: folder.path("out.csv.partial"), encoding: .utf8) == "rows of a running sweep\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.csv")))
        close(holder)

        let runs = try (0..<2).map { _ in try TrendfitProcess(sweep) }.map { $0.wait() }
        #expect(runs.contains { $0.succeeded })
        for run in runs where !run.succeeded {
            #expect(run.failedCleanly && run.stderr.contains("is being written by another trendfit run"))
        }
        let merged = try TrendfitProcess.run(["merge", folder.path("out.csv")])
        let written = try folder.data("out.csv")
        #expect(merged.succeeded && merged.stdout.data(using: .utf8) == written)
        #expect(try folder.names() == ["data.csv", "out.csv", "spec.json"])

        // Run one after the other, shards with the same output: the second does not replace the first.
        #expect(try TrendfitProcess.run(sweep + ["--shard", "1/2"]).succeeded)
        let firstShard = try folder.data("out.csv")
        let second = try TrendfitProcess.run(sweep + ["--shard", "2/2"])
        #expect(second.failedCleanly && second.stderr.contains("\(folder.path("out.csv")) holds shard 1/2 of this sweep, and this run computes shard 2/2"))
        #expect(try folder.data("out.csv") == firstShard)
        #expect(try folder.names() == ["data.csv", "out.csv", "spec.json"])
    }

    @Test func aKilledSweepLeavesAPartialFileThatResumesToTheUninterruptedBytes() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder, spec: Self.longSweep) + ["--chunk-configs", "1"]
        let uninterrupted = try TrendfitProcess.run(sweep + ["--output", folder.path("reference.csv"), "--plot", folder.path("reference.svg")])
        #expect(uninterrupted.succeeded && uninterrupted.stdout.hasPrefix("Sweep summary: 33 configurations, 132 rows"))
        let reference = try folder.data("reference.csv")
        let partial = folder.path("out.csv.partial")
        for signal in [SIGKILL, SIGTERM] {
            let run = try TrendfitProcess(sweep + ["--output", folder.path("out.csv"), "--plot", folder.path("out.svg")])
            // Stop it once a few rows are written (a wait for the file to grow, not a timed assertion).
            while run.process.isRunning, fileSize(partial) < 2000 {
                usleep(2000)
            }
            run.send(signal)
            let stopped = run.wait()
            try #require(stopped.signalled, "the sweep finished before it could be stopped")
            #expect(try folder.names() == ["data.csv", "out.csv.partial", "reference.csv", "reference.svg", "spec.json"])
            let merge = try TrendfitProcess.run(["merge", partial])
            #expect(merge.failedCleanly && merge.stderr.contains("out.csv.partial: not a finished sweep output"))
            let resumed = try TrendfitProcess.run(sweep + ["--output", folder.path("out.csv"), "--plot", folder.path("out.svg"), "--resume"])
            #expect(resumed.succeeded && resumed.stderr.contains("resuming after the "), "\(resumed.stderr)")
            #expect(try folder.data("out.csv") == reference)
            // The kept rows are read back, so the summary and plot are the uninterrupted run's too.
            #expect(resumed.stdout == uninterrupted.stdout)
            #expect(try folder.data("out.svg") == folder.data("reference.svg"))
            #expect(try folder.names() == ["data.csv", "out.csv", "out.svg", "reference.csv", "reference.svg", "spec.json"])
            for name in ["out.csv", "out.svg"] { try FileManager.default.removeItem(atPath: folder.path(name)) }
        }
    }

    @Test func partialFilesCutAtAwkwardPlacesResumeToTheUninterruptedBytes() throws {
        let folder = try ScratchFolder()
        let base = try sweepArguments(in: folder)
        let sweep = base + ["--output", folder.path("out.csv")]
        let uninterrupted = try TrendfitProcess.run(sweep)
        #expect(uninterrupted.succeeded)
        let reference = try folder.data("out.csv")
        try FileManager.default.removeItem(atPath: folder.path("out.csv"))
        let breaks = reference.indices.filter { reference[$0] == UInt8(ascii: "\n") }
        let cuts = [0, 10, breaks[0] + 1, breaks[1] + 1, breaks[1] + 40, breaks[5], breaks[5] + 1, breaks[breaks.count - 2] + 1,
                    reference.count - 5, reference.count]
        for cut in cuts {
            try reference.prefix(cut).write(to: URL(fileURLWithPath: folder.path("out.csv.partial")))
            let resumed = try TrendfitProcess.run(sweep + ["--resume"])
            #expect(resumed.succeeded && resumed.stdout == uninterrupted.stdout, "cut at \(cut): \(resumed.stderr)")
            #expect(try folder.data("out.csv") == reference, "cut at \(cut)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("out.csv.partial")))
        }
        #expect(try TrendfitProcess.run(base + ["--shard", "1/2", "--output", folder.path("half.csv")]).succeeded)
        try FileManager.default.moveItem(atPath: folder.path("half.csv"), toPath: folder.path("out.csv.partial"))
        let other = try TrendfitProcess.run(sweep + ["--resume"])
        #expect(other.failedCleanly && other.stderr.contains("out.csv.partial: comes from a different sweep than this run"))
        #expect(FileManager.default.fileExists(atPath: folder.path("out.csv.partial")))
    }

    @Test func mergeRefusesUnfinishedOrDamagedShardsNamingTheFileAndArrayTask() throws {
        let folder = try ScratchFolder()
        let sweep = try sweepArguments(in: folder)
        for task in 0..<2 {
            let run = try TrendfitProcess.run(sweep + ["--shard", "\(task + 1)/2", "--output", folder.path("s\(task).csv")],
                                              environment: ["SLURM_ARRAY_JOB_ID": "77", "SLURM_ARRAY_TASK_ID": "\(task)"])
            #expect(run.succeeded)
        }
        // Only shards carry the label: an unsharded run in an array task equals the merged output.
        #expect(try TrendfitProcess.run(sweep + ["--output", folder.path("whole.csv")],
                                        environment: ["SLURM_ARRAY_JOB_ID": "77", "SLURM_ARRAY_TASK_ID": "5"]).succeeded)
        let merged = try TrendfitProcess.run(["merge", folder.path("s0.csv"), folder.path("s1.csv")])
        let whole = try folder.data("whole.csv")
        #expect(merged.succeeded && merged.stdout.data(using: .utf8) == whole)
        try FileManager.default.removeItem(atPath: folder.path("whole.csv"))
        let second = try folder.data("s1.csv")
        #expect(String(decoding: second.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self).hasSuffix(" shard=2/2 array-task=77_1"))
        try second.dropLast(100).write(to: URL(fileURLWithPath: folder.path("s1.csv")))
        let cut = try TrendfitProcess.run(["merge", folder.path("s0.csv"), folder.path("s1.csv"), "--output", folder.path("merged.csv")])
        #expect(cut.failedCleanly && cut.stderr.contains("Error: \(folder.path("s1.csv")):")
            && cut.stderr.contains(" (Slurm array task 77_1): "), "\(cut.stderr)")
        let missing = try TrendfitProcess.run(["merge", folder.path("s0.csv"), "--output", folder.path("merged.csv")])
        #expect(missing.failedCleanly
            && missing.stderr.contains("missing shard 2/2 (given: \(folder.path("s0.csv")) (Slurm array task 77_0) holds 1/2)"))
        #expect(try folder.names() == ["data.csv", "s0.csv", "s1.csv", "spec.json"])
    }
}

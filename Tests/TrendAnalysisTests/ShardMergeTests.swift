import Foundation
import Testing
import TrendAnalysis
import TrendFit

@Suite struct ShardTests {
    @Test func shardsTakeEveryNthConfiguration() throws {
        let shards = try (1...3).map { try Shard(index: $0, count: 3) }
        #expect(shards.map { Array($0.configurations(of: 8)) } == [[0, 3, 6], [1, 4, 7], [2, 5]])
        #expect(shards.map { $0.configurationCount(of: 8) } == [3, 3, 2])
        #expect(try Shard(index: 3, count: 3).configurationCount(of: 2) == 0)
        #expect(try Shard(parsing: "2/3") == shards[1])
        #expect(throws: ShardError.outOfRange(index: 0, count: 3)) { try Shard(parsing: "0/3") }
        #expect(throws: ShardError.outOfRange(index: 4, count: 3)) { try Shard(parsing: "4/3") }
        #expect(throws: ShardError.malformed("2of3")) { try Shard(parsing: "2of3") }
    }
}

extension ShardMerger.Input {
    /// The text of an in-memory input (tests read and edit shard outputs).
    var text: String {
        get {
            guard case .text(let text) = content else { return "" }
            return text
        }
        set { content = .text(newValue) }
    }
}

@Suite struct ShardMergerTests {
    /// The outputs of shards 1…3 of the eight-configuration sweep, and the unsharded output.
    static let outputs: (shards: [ShardMerger.Input], whole: String) = {
        let runner = try! SweepRunner(spec: try! sweepSpec(eightConfigurations),
                                      dataset: sweepDataset, precision: .double)
        let shards = (1...3).map { index in
            ShardMerger.Input(name: "s\(index).csv", text: try! sweepText(runner, shard: try! Shard(index: index, count: 3)))
        }
        return (shards, try! sweepText(runner))
    }()

    static func mergeError(_ inputs: [ShardMerger.Input]) -> ShardMergeError? {
        do {
            _ = try ShardMerger.merge(inputs)
            return nil
        } catch {
            return error
        }
    }

    @Test func theHeaderLinesStateTheShardAndTheMergeStatesTheWhole() throws {
        let (shards, whole) = Self.outputs
        #expect(shards[1].text.hasPrefix("# trendfit-sweep v1 fingerprint="))
        #expect(shards[1].text.split(separator: "\n")[0].hasSuffix(" configurations=8 shard=2/3"))
        #expect(whole.split(separator: "\n")[0].hasSuffix(" configurations=8 shard=1/1"))
        #expect(try ShardMerger.merge([shards[2], shards[0], shards[1]]) == whole)
        #expect(try ShardMerger.merge([ShardMerger.Input(name: "whole.csv", text: whole)]) == whole)
    }

    @Test func missingAndDuplicateShardsAreRefused() {
        let shards = Self.outputs.shards
        #expect(Self.mergeError([shards[0], shards[2]]) == .missingShards(shards: [2], count: 3, given: ["s1.csv holds 1/3", "s3.csv holds 3/3"]))
        #expect(Self.mergeError([shards[0], shards[1], shards[1]]) == .duplicateShard(shard: "2/3", files: ["s2.csv", "s2.csv"]))
        #expect(Self.mergeError([]) == .noFiles)
    }

    @Test func filesFromAnotherSweepOrTamperedRowsAreRefused() throws {
        let shards = Self.outputs.shards
        let fingerprint = String(shards[0].text.split(separator: " ")[3])
        var foreign = shards[1]
        foreign.text = resealed(foreign.text.replacingOccurrences(of: fingerprint, with: "fingerprint=0000000000000000"))
        #expect(Self.mergeError([shards[0], foreign, shards[2]])?.description.hasPrefix(
            "s2.csv: comes from a different sweep than s1.csv: fingerprint 0000000000000000 instead of") == true)
        var moved = shards[2]
        var lines = moved.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = "3" + lines[2].drop { $0 != "," }
        moved.text = lines.joined(separator: "\n")
        #expect(Self.mergeError([shards[0], shards[1], moved])
            == .badRow(file: "s3.csv", line: 3, reason: "configuration 3 does not belong to shard 3/3 of 8"))
        var renamed = shards[1]
        renamed.text = resealed(renamed.text.replacingOccurrences(of: ",period,", with: ",era,"))
        #expect(Self.mergeError([shards[0], renamed, shards[2]]) == .differentHeader(file: "s2.csv", firstFile: "s1.csv"))
        #expect(Self.mergeError([ShardMerger.Input(name: "x.csv", text: "a,b\n1,2\n")]) == .notSweepOutput(file: "x.csv"))
    }
}

/// Shard files are streamed from disk a chunk at a time.
@Suite struct ShardFileStreamingTests {
    /// Writes `text` to a new temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trendfit-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func filesLargerThanAReadChunkMergeLineForLine() throws {
        // Two shards of 6000 configurations with rows of 400 bytes: 1.2 MB each, more than one chunk,
        // so rows straddle the chunk boundary.
        let count = 12_000
        let padding = String(repeating: "x", count: 400)
        func shardText(_ index: Int) -> String {
            let metadata = SweepMetadata(fingerprint: "0123456789abcdef", configurations: count,
                                         shard: try! Shard(index: index, count: 2))
            let rows = stride(from: index - 1, to: count, by: 2).map { "\($0),\(padding)" }
            return sealedSweepText(opening: [metadata.line(.csv), "configuration,note"], rows: rows, format: .csv)
        }
        let paths = try [2, 1].map { try Self.temporaryFile(shardText($0), name: "s\($0).csv") }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let merged = try ShardMerger.merge(paths.map { ShardMerger.Input(path: $0) })
        let whole = SweepMetadata(fingerprint: "0123456789abcdef", configurations: count, shard: .whole)
        let expected = sealedSweepText(opening: [whole.line(.csv), "configuration,note"], rows: (0..<count).map { "\($0),\(padding)" }, format: .csv)
        #expect(merged == expected)
    }

    @Test func aFileCutBeforeItsLastLineBreakAndAMissingFileAreRefused() throws {
        let metadata = SweepMetadata(fingerprint: "0123456789abcdef", configurations: 2, shard: .whole)
        let text = sealedSweepText(opening: [metadata.line(.csv), "configuration,note"], rows: ["0,a", "1,b"], format: .csv)
        let path = try Self.temporaryFile(text, name: "whole.csv")
        let cutPath = try Self.temporaryFile(String(text.dropLast()), name: "cut.csv")
        defer { for file in [path, cutPath] { try? FileManager.default.removeItem(atPath: file) } }
        #expect(try ShardMerger.merge([ShardMerger.Input(path: path)]) == text)
        #expect(throws: ShardMergeError.badRow(file: cutPath, line: 5, reason: "the trailer line is damaged or cut off")) {
            try ShardMerger.merge([ShardMerger.Input(path: cutPath)])
        }
        let missing = path + ".absent"
        #expect {
            try ShardMerger.merge([ShardMerger.Input(path: missing)])
        } throws: { error in
            guard case .unreadable(let file, _)? = error as? ShardMergeError else { return false }
            return file == missing
        }
    }

    /// A read that fails after the file opened (`/proc/self/mem` opens, and its first read fails with
    /// EIO) is the system's reason with the file and the line being read, never Foundation's wording.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
    func aReadErrorNamesTheFileAndLine() throws {
        #expect(throws: ShardMergeError.unreadable(file: "/proc/self/mem", reason: "line 1: Input/output error")) {
            try ShardMerger.merge([ShardMerger.Input(path: "/proc/self/mem")])
        }
    }
}

/// Runs the built `trendfit` executable as separate processes.
@Suite struct ShardProcessTests {
    /// Runs trendfit with `arguments` and extra environment variables; returns the exit status and stderr.
    static func trendfit(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let result = try TrendfitProcess.run(arguments, environment: environment, stdout: .path("/dev/null"))
        return (result.status, result.stderr)
    }

    @Test func shardsRunAsSeparateProcessesMergeIntoTheUnshardedOutput() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path), "swift test builds trendfit next to the tests")
        let folder = try ScratchFolder()
        func path(_ name: String) -> String { folder.path(name) }
        let common = try sweepArguments(in: folder)

        #expect(try Self.trendfit(common + ["--output", path("whole.csv")]).status == 0)
        #expect(try Self.trendfit(common + ["--output", path("s1.csv"), "--shard", "1/2", "--chunk-configs", "1"]).status == 0)
        let slurm = ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "1",
                     "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "2"]
        #expect(try Self.trendfit(common + ["--output", path("s2.csv"), "--shard", "slurm"], environment: slurm).status == 0)
        #expect(try String(contentsOfFile: path("s2.csv"), encoding: .utf8).split(separator: "\n")[0].hasSuffix("shard=2/2"))
        #expect(try Self.trendfit(["merge", path("s2.csv"), path("s1.csv"), "--output", path("merged.csv")]).status == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path("whole.csv")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("merged.csv"))) == whole)
        #expect(whole.count > 1000)

        let missing = try Self.trendfit(["merge", path("s1.csv"), "--output", path("bad.csv")])
        #expect(missing.status != 0 && missing.stderr.contains("missing shard 2/2"))
        #expect(!FileManager.default.fileExists(atPath: path("bad.csv")))
    }
}

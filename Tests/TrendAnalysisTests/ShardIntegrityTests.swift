import Foundation
import Testing
import TrendAnalysis
import TrendFit

/// Shard files prove they are whole: a trailer (row count, checksum, fingerprint) closes them,
/// and `merge` refuses a file that is cut, edited, unfinished or out of order, naming it.
@Suite struct ShardIntegrityTests {
    static let shards = ShardMergerTests.outputs.shards

    static func mergeError(_ inputs: [ShardMerger.Input]) -> ShardMergeError? {
        ShardMergerTests.mergeError(inputs)
    }

    /// Shard 2 of 3 with its text replaced by `text`.
    static func secondShard(_ text: String) -> [ShardMerger.Input] {
        var edited = shards[1]
        edited.text = text
        return [shards[0], edited, shards[2]]
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    @Test func theTrailerCountsAndChecksumsTheLinesBeforeIt() throws {
        let text = Self.shards[1].text
        let lines = Self.lines(text)
        let trailer = try #require(SweepTrailer.parse(lines.last!, format: .csv))
        #expect(trailer.rows == lines.count - 3)
        #expect(trailer.fingerprint == SweepMetadata.parse(lines[0])?.metadata.fingerprint)
        // FNV-1a 64 written out here from its definition, over every byte before the trailer.
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in (lines.dropLast().joined(separator: "\n") + "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
        }
        #expect(trailer.checksum == String(format: "%016llx", hash))
        #expect(ShardMergerTests.outputs.whole.hasSuffix("\n# trendfit-sweep-end rows=32 checksum="
                                                         + SweepTrailer.parse(Self.lines(ShardMergerTests.outputs.whole).last!, format: .csv)!.checksum
                                                         + " fingerprint=\(trailer.fingerprint)\n"))
    }

    @Test func aShardCutAtAnyByteIsRefused() {
        let text = Self.shards[1].text
        let bytes = Array(text.utf8)
        for cut in 0..<bytes.count {
            let error = Self.mergeError(Self.secondShard(String(decoding: bytes[..<cut], as: UTF8.self)))
            #expect(error != nil, "cut at byte \(cut)")
        }
        let atLineBreak = Self.lines(text).dropLast().joined(separator: "\n") + "\n"
        #expect(Self.mergeError(Self.secondShard(atLineBreak))
            == .unfinished(file: "s2.csv", reason: "it ends without a trailer line after 12 rows: the run that wrote it did not finish"))
    }

    @Test func duplicatedDeletedOrEditedRowsAreRefused() {
        var lines = Self.lines(Self.shards[1].text)
        let trailerLine = lines.count
        var duplicated = lines
        duplicated.insert(lines[3], at: 4)
        #expect(Self.mergeError(Self.secondShard(duplicated.joined(separator: "\n") + "\n"))
            == .badRow(file: "s2.csv", line: trailerLine + 1, reason: "the trailer counts 12 rows, but the file holds 13: rows were lost or added"))
        var deleted = lines
        deleted.remove(at: 4)
        #expect(Self.mergeError(Self.secondShard(deleted.joined(separator: "\n") + "\n"))
            == .badRow(file: "s2.csv", line: trailerLine - 1, reason: "the trailer counts 12 rows, but the file holds 11: rows were lost or added"))
        let edited = lines.firstIndex { $0.contains(",all,") }!
        lines[edited] = lines[edited].replacingOccurrences(of: ",all,", with: ",ALL,")
        let error = Self.mergeError(Self.secondShard(lines.joined(separator: "\n") + "\n"))
        #expect(error?.description.hasPrefix("s2.csv:\(trailerLine): the checksum of the lines before the trailer is ") == true)
    }

    @Test func rowsWithOtherFieldCountsOrLinesAfterTheTrailerAreRefused() {
        var lines = Self.lines(Self.shards[1].text)
        var widened = lines
        widened[3] += ",extra"
        #expect(Self.mergeError(Self.secondShard(resealed(widened.joined(separator: "\n") + "\n")))
            == .badRow(file: "s2.csv", line: 4, reason: "27 fields, but the header has 26"))
        lines.append(lines[3])
        #expect(Self.mergeError(Self.secondShard(lines.joined(separator: "\n") + "\n"))
            == .badRow(file: "s2.csv", line: lines.count, reason: "a line after the trailer"))
    }

    @Test func partialFilesAreRefusedByName() {
        var partial = Self.shards[1]
        partial.name = "s2.csv.partial"
        #expect(Self.mergeError([Self.shards[0], partial, Self.shards[2]])?.description
            == "s2.csv.partial: not a finished sweep output: a .partial file is a sweep still running, or one stopped before it finished; "
            + "complete it with 'trendfit sweep … --resume' and the same --output")
    }

    @Test func messagesNameTheArrayTaskThatWroteAFile() throws {
        let labelled = Self.shards.enumerated().map { index, shard in
            var copy = shard
            copy.text = resealed(shard.text.replacingOccurrences(of: " shard=\(index + 1)/3\n", with: " shard=\(index + 1)/3 array-task=77_\(index)\n"))
            return copy
        }
        #expect(labelled[1].text.hasPrefix("# trendfit-sweep v1 ") && Self.lines(labelled[1].text)[0].hasSuffix(" shard=2/3 array-task=77_1"))
        #expect(SweepMetadata.parse(Self.lines(labelled[1].text)[0])?.metadata.arrayTask?.description == "77_1")
        #expect(try ShardMerger.merge(labelled) == ShardMergerTests.outputs.whole)
        #expect(Self.mergeError([labelled[0], labelled[2]])
            == .missingShards(shards: [2], count: 3, given: ["s1.csv (Slurm array task 77_0) holds 1/3", "s3.csv (Slurm array task 77_2) holds 3/3"]))
        var cut = labelled[1]
        cut.text = String(cut.text.dropLast(30))
        #expect(Self.mergeError([labelled[0], cut, labelled[2]])?.description
            == "s2.csv:15 (Slurm array task 77_1): the trailer line is damaged or cut off")
        #expect(ArrayTaskLabel(environment: ["SLURM_ARRAY_JOB_ID": "77", "SLURM_ARRAY_TASK_ID": "3"])?.description == "77_3")
        #expect(ArrayTaskLabel(environment: ["SLURM_ARRAY_JOB_ID": "77 x", "SLURM_ARRAY_TASK_ID": "3"]) == nil)
        #expect(ArrayTaskLabel(environment: ["SLURM_ARRAY_TASK_ID": "3"]) == nil)
    }

    @Test func jsonLinesShardsAreCheckedTheSameWay() throws {
        let runner = try SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)
        let shards = try (1...2).map { index in
            ShardMerger.Input(name: "s\(index).jsonl", text: try sweepText(runner, shard: Shard(index: index, count: 2), format: .jsonl))
        }
        #expect(Self.lines(shards[0].text).last!.hasPrefix(#"{"trendfitSweepEnd":{"checksum":""#))
        var cut = shards[1]
        cut.text = String(cut.text.dropLast(10))
        #expect(Self.mergeError([shards[0], cut]) == .badRow(file: "s2.jsonl", line: 18, reason: "the trailer line is damaged or cut off"))
        var renamedKey = shards[1]
        var jsonLines = Self.lines(renamedKey.text)
        jsonLines[2] = jsonLines[2].replacingOccurrences(of: #""slope":"#, with: #""slop":"#)
        renamedKey.text = resealed(jsonLines.joined(separator: "\n") + "\n")
        #expect(Self.mergeError([shards[0], renamedKey]) == .badRow(file: "s2.jsonl", line: 3, reason: "its keys differ from those of the first row"))
    }
}

/// `sweep --resume` keeps the whole configurations of a stopped run's `.partial` file.
@Suite struct SweepResumePointTests {
    static let runner = try! SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)

    /// What a resumed run writes after the kept bytes: the rows of the configurations from the
    /// resume point on, then the trailer.
    static func resumedText(_ partial: String, point: SweepResumePoint?, format: SweepOutputFormat, whole: String,
                            rowsByConfiguration: [[String]]) -> String {
        guard let point else { return whole }
        var digest = point.digest
        let rows = rowsByConfiguration[point.firstConfiguration...].joined()
        for row in rows { digest.add(row: row) }
        let fingerprint = SweepMetadata.parse(String(whole.prefix { $0 != "\n" }))!.metadata.fingerprint
        let kept = String(decoding: Array(partial.utf8)[..<point.keptBytes], as: UTF8.self)
        return kept + (Array(rows) + [digest.trailer(fingerprint: fingerprint).line(format)]).joined(separator: "\n") + "\n"
    }

    /// Resumes from cuts of the whole output: every byte next to a line break (before, at, after
    /// it) and every `step`-th byte.
    static func check(format: SweepOutputFormat, every step: Int) throws {
        let whole = try sweepText(runner, format: format)
        let table = SweepTable(spec: runner.spec, format: format)
        let rowsByConfiguration = try (0..<8).map { try runner.rows(of: [$0], on: CPUBackend()).map(table.line) }
        let metadata = SweepMetadata.parse(String(whole.prefix { $0 != "\n" }))!.metadata
        let opening = table.openingLines(metadata)
        let openingBytes = opening.joined(separator: "\n").utf8.count + 1
        let bytes = Array(whole.utf8)
        let nearLineBreaks = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.flatMap { [$0, $0 + 1, $0 + 2] }
        for cut in Set(Array(stride(from: 0, through: bytes.count, by: step)) + nearLineBreaks).sorted() where cut <= bytes.count {
            let partial = String(decoding: bytes[..<cut], as: UTF8.self)
            let point = try SweepResumePoint.find(in: ShardMerger.Input(name: "x.partial", text: partial), metadata: metadata,
                                                  format: format, openingLines: opening)
            #expect((point == nil) == (cut < openingBytes), "cut at byte \(cut)")
            #expect((point?.keptBytes ?? 0) <= cut)
            #expect(resumedText(partial, point: point, format: format, whole: whole, rowsByConfiguration: rowsByConfiguration) == whole,
                    "cut at byte \(cut)")
        }
    }

    @Test func aPartialFileCutAtAnyByteResumesToTheUninterruptedOutput() throws {
        try Self.check(format: .csv, every: 23)
        try Self.check(format: .jsonl, every: 101)
    }

    @Test func thePartialFileOfAnotherSweepOrShardIsRefused() throws {
        let other = try sweepText(Self.runner, shard: Shard(index: 1, count: 2))
        let metadata = SweepMetadata.parse(String(other.prefix { $0 != "\n" }))!.metadata
        var whole = metadata
        whole.shard = .whole
        let opening = SweepTable(spec: Self.runner.spec, format: .csv).openingLines(whole)
        #expect(throws: ShardMergeError.self) {
            try SweepResumePoint.find(in: ShardMerger.Input(name: "x.partial", text: other), metadata: whole, format: .csv, openingLines: opening)
        }
        var relabelled = metadata
        relabelled.arrayTask = ArrayTaskLabel(environment: ["SLURM_ARRAY_JOB_ID": "9", "SLURM_ARRAY_TASK_ID": "0"])
        let point = try SweepResumePoint.find(in: ShardMerger.Input(name: "x.partial", text: other), metadata: relabelled, format: .csv,
                                              openingLines: SweepTable(spec: Self.runner.spec, format: .csv).openingLines(relabelled))
        #expect(point != nil)
    }
}

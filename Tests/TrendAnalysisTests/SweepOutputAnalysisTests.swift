import Foundation
import Testing
import TrendAnalysis
import TrendFit

@Suite struct SweepOutputAnalysisTests {
    /// A sweep whose short period has unbounded doubling intervals (∞ in CSV, null in JSON Lines),
    /// a period name that CSV quotes, a filter and a domain.
    static let awkward = """
        {"periods": [{"name": "Short, \\"quoted\\"", "start": "split", "end": "2012-06-01"}, {"name": "Late", "start": "split"}],
         "subsets": ["all", "regular", "records"], "resamples": 40, "seed": 5,
         "sweep": [{"name": "split", "from": "2011", "to": "2012", "step": "6m"},
                   {"name": "domain", "values": [null, "Language"]}, {"name": "outlierZ", "values": [-2.5, -1.5]}]}
        """

    /// The rows, summary and plot of one run of `json`, as the sweep builds them.
    static func run(_ json: String, format: SweepOutputFormat) throws -> (text: String, summary: [String], plot: String, spec: SweepSpec) {
        let spec = try sweepSpec(json)
        let runner = try SweepRunner(spec: spec, dataset: sweepDataset, precision: .double)
        var summary = SweepSummary(spec: spec)
        var plot = SweepPlot(spec: spec, dimension: 0, subset: .all)
        try runner.run(shard: .whole, backends: [CPUBackend()], chunkSize: 3) { rows, configurations in
            summary.add(rows, configurations: configurations)
            plot.add(rows)
        }
        return (try sweepText(runner, format: format), summary.lines(), plot.svg(), spec)
    }

    static func fingerprint(_ spec: SweepSpec) -> String {
        SweepFingerprint.of(spec: spec, dataset: sweepDataset, precision: .double)
    }

    /// The analysis of `text`, line by line.
    static func analyse(_ text: String, spec: SweepSpec, fingerprint: String? = nil) throws(ShardMergeError) -> SweepOutputAnalysis {
        var analysis = SweepOutputAnalysis(spec: spec, fingerprint: fingerprint ?? Self.fingerprint(spec),
                                           plot: SweepPlot(spec: spec, dimension: 0, subset: .all), name: "merged.csv")
        for line in text.split(separator: "\n") { try analysis.add(line: String(line)) }
        try analysis.finish()
        return analysis
    }

    @Test(arguments: [SweepOutputFormat.csv, .jsonl])
    func theSummaryAndPlotOfTheRowsReadBackAreTheSweepsOwn(format: SweepOutputFormat) throws {
        for json in [eightConfigurations, Self.awkward] {
            let reference = try Self.run(json, format: format)
            let analysis = try Self.analyse(reference.text, spec: reference.spec)
            #expect(analysis.summary.lines() == reference.summary)
            #expect(analysis.plot?.svg() == reference.plot)
        }
        let awkward = try Self.run(Self.awkward, format: format)
        #expect(awkward.text.contains(format == .csv ? ",inf," : "null"))
        #expect(awkward.summary.contains { $0.contains("∞") })
        #expect(awkward.text.contains("\"Short, "))
    }

    @Test func aMergedOutputOfShardsGivesTheUnshardedSummary() throws {
        let reference = try Self.run(eightConfigurations, format: .csv)
        let runner = try SweepRunner(spec: reference.spec, dataset: sweepDataset, precision: .double)
        let shards = try (1...3).map { index in
            ShardMerger.Input(name: "s\(index).csv", text: try sweepText(runner, shard: try Shard(index: index, count: 3)))
        }
        let merged = try ShardMerger.merge(shards)
        #expect(try Self.analyse(merged, spec: reference.spec).summary.lines() == reference.summary)
    }

    @Test func rowsThatAreNotTheSpecsExactRowsAreRefused() throws {
        let reference = try Self.run(eightConfigurations, format: .csv)
        var lines = reference.text.split(separator: "\n").map(String.init)
        func error(_ edited: [String], fingerprint: String? = nil) -> ShardMergeError? {
            do {
                _ = try Self.analyse(edited.joined(separator: "\n"), spec: reference.spec, fingerprint: fingerprint)
                return nil
            } catch {
                return error
            }
        }
        // Another spec, data or precision.
        guard case .badRow(_, 1, let reason, _)? = error(lines, fingerprint: "0000000000000000") else { Issue.record(); return }
        #expect(reason.contains("give the sweep's --spec, --data and --precision"))
        // A shard rather than the whole sweep.
        let shard = lines[0].replacingOccurrences(of: "shard=1/1", with: "shard=1/2")
        guard case .badRow(_, 1, let shardReason, _)? = error([shard] + lines.dropFirst()) else { Issue.record(); return }
        #expect(shardReason.contains("not the whole sweep"))
        // An edited statistic (one more digit), a value of another configuration, a missing field.
        let row = lines[4]
        var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[11] += "1"
        lines[4] = fields.joined(separator: ",")
        #expect(error(lines) == .badRow(file: "merged.csv", line: 5,
                                        reason: "the row does not read back as the sweep of the spec writes it (another spec, or an edited row)"))
        lines[4] = row.replacingOccurrences(of: "2008-01-01", with: "2009-01-01")
        #expect(error(lines)?.description.contains("merged.csv:5") == true)
        lines[4] = String(row.dropLast(row.count - row.lastIndex(of: ",")!.utf16Offset(in: row)))
        #expect(error(lines)?.description.contains("merged.csv:5: expected the") == true)
        // No metadata line.
        #expect(error(Array(lines.dropFirst())) == .notSweepOutput(file: "merged.csv"))
    }
}

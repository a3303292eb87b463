import Foundation
import Testing
@testable import TrendAnalysis
import TrendFit

/// `eightConfigurations` with two comparisons: disjoint eras, and a subset within its era.
let comparedConfigurations = """
    {"periods": [{"name": "Early", "start": "2000", "end": "split"}, {"name": "Late", "start": "split"}],
     "subsets": ["all", "regular"], "resamples": 30, "seed": 31,
     "compare": ["Early,Late", "Late/regular,Late"],
     "sweep": [{"name": "split", "from": "2008", "to": "2011", "step": "1y"}, {"name": "outlierZ", "values": [-2.5, -1.5]}]}
    """

@Suite struct SweepComparisonTests {
    @Test func theCompareListNamesPeriodsOfTheSpec() throws {
        let spec = try sweepSpec(comparedConfigurations)
        #expect(spec.comparisons.map(\.label) == ["Early/all → Late/all", "Late/regular → Late/all"])
        let unknown = try #require(sweepSpecError(#"{"compare": ["Pre Deep Learning Era,Modern Era"]}"#))
        #expect(unknown.description.hasPrefix("spec.json: compare[0]: invalid comparison 'Pre Deep Learning Era,Modern Era': no period is called 'Modern Era'"))
        let twice = try #require(sweepSpecError(#"{"compare": ["Deep Learning Era,Large-Scale Era", "Deep Learning Era/all,Large-Scale Era"]}"#))
        #expect(twice.description.contains("compare[1]") && twice.description.contains("listed twice"))
        #expect(sweepSpecError(#"{"compare": []}"#) != nil)
        #expect(sweepSpecError(#"{"compare": "Deep Learning Era,Large-Scale Era"}"#) != nil)
    }

    @Test func comparisonRowsEqualTheEraAnalysisComparisons() throws {
        let spec = try sweepSpec(#"{"subsets": ["all"], "resamples": 60, "seed": 7, "compare": ["Pre Deep Learning Era,Deep Learning Era", "Deep Learning Era/large,Deep Learning Era/regular", "Deep Learning Era,Large-Scale Era"]}"#)
        let rows = try SweepRunner(spec: spec, dataset: embeddedDataset, precision: .double).rows(of: [0], on: CPUBackend())
        let settings = try AnalysisSettings(subsets: [.all], bootstrap: BootstrapSettings(resamples: 60, seed: 7),
                                            comparisons: spec.comparisons)
        let report = try EraAnalysis(settings: settings).run(on: embeddedDataset, backend: CPUBackend(), precision: .double)
        let comparisonRows = rows.filter { $0.comparison != nil }
        #expect(rows.count == 3 + 3 && comparisonRows.count == 3)
        #expect(report.comparisons.map(\.isJoint) == [false, false, true])
        for (row, expected) in zip(comparisonRows, report.comparisons) {
            let comparison = try #require(row.comparison)
            #expect(comparison.result.spec == expected.spec)
            #expect(comparison.result.estimate == expected.estimate && expected.estimate != nil)
            #expect(row.trend.n == expected.firstCount && row.trend.estimate == nil)
        }
        #expect(comparisonRows.map(\.periodIndex) == [0, 1, 1])
    }

    @Test func comparisonRowsDoNotDependOnChunksShardsOrDevices() throws {
        let runner = try SweepRunner(spec: sweepSpec(comparedConfigurations), dataset: sweepDataset, precision: .double)
        let reference = try sweepText(runner, chunkSize: 8)
        let lines = reference.split(separator: "\n")
        #expect(lines.count == 2 + 8 * (4 + 2) + 1)  // metadata, header, rows, trailer
        #expect(lines[1].hasSuffix(",versusPeriod,versusPeriodStart,versusPeriodEnd,versusSubset,versusN,sharedSystems,resampling,slopeChange,slopeChangeLow,slopeChangeMedian,slopeChangeHigh,doublingRatio,doublingRatioLow,doublingRatioMedian,doublingRatioHigh,pValue,validPairs,excludedPairs,note"))
        #expect(lines.filter { $0.contains(",joint,") }.count == 8 && lines.filter { $0.contains(",independent,") }.count == 8)
        #expect(try sweepText(runner, backends: [CPUBackend(), CPUBackend(replicatesPerTask: 5)], chunkSize: 1) == reference)
        let shards = try (1...3).map { index in
            ShardMerger.Input(name: "shard\(index).csv", text: try sweepText(runner, shard: Shard(index: index, count: 3), chunkSize: 2))
        }
        #expect(try ShardMerger.merge(shards) == reference)
        let spy = SpyBackend()
        _ = try sweepText(runner, backends: [spy], chunkSize: 3)
        #expect(spy.recordedCalls.map(\.kind) == ["fit", "bootstrap", "fit", "bootstrap", "fit", "bootstrap"])
        #expect(spy.recordedCalls.map(\.problems) == [24, 24, 24, 24, 16, 16])
    }

    @Test(arguments: [SweepOutputFormat.csv, .jsonl])
    func mergedOutputsReadTheComparisonRowsBack(format: SweepOutputFormat) throws {
        let json = comparedConfigurations.replacingOccurrences(of: #""Late/regular,Late""#,
                                                               with: #""Late/regular,Late", "Late/records,Early/all""#)
        let reference = try SweepOutputAnalysisTests.run(json, format: format)
        #expect(reference.text.contains("records"))
        let analysis = try SweepOutputAnalysisTests.analyse(reference.text, spec: reference.spec)
        #expect(analysis.summary.lines() == reference.summary)
        #expect(reference.summary.contains { $0.hasPrefix("Late/records → Early/all") })
        let edited = reference.text.replacingOccurrences(of: ",independent,", with: ",joint,")
        #expect(format == .jsonl || edited != reference.text)
        if format == .csv {
            #expect(throws: ShardMergeError.self) { try SweepOutputAnalysisTests.analyse(edited, spec: reference.spec) }
        }
    }

    @Test func theSummaryReportsWhatMovesEachComparison() throws {
        let runner = try SweepRunner(spec: sweepSpec(comparedConfigurations), dataset: sweepDataset, precision: .double)
        var summary = SweepSummary(spec: runner.spec)
        var all: [SweepRow] = []
        try runner.run(shard: .whole, backends: [CPUBackend()], chunkSize: 3) { rows, configurations in
            summary.add(rows, configurations: configurations)
            all += rows
        }
        let entries = summary.entries.filter { $0.comparison != nil }
        #expect(entries.count == 2 * SweepSummary.comparisonStatistics.count)
        #expect(summary.entries.count == 4 * SweepSummary.statistics.count + entries.count)
        for entry in entries {
            let statistic = try #require(SweepSummary.comparisonStatistics.first { $0.name == entry.statistic })
            let series = all.compactMap { $0.comparison?.index == entry.comparison ? $0 : nil }
            let values = series.compactMap { statistic.value($0.comparison!.result) }
            #expect(series.count == 8)
            #expect(entry.minimum == values.min() && entry.maximum == values.max())
            let means = runner.spec.dimensions[0].values.indices.map { valueIndex -> Double in
                let group = series.filter { runner.spec.grid.valueIndices(of: $0.configuration)[0] == valueIndex }
                    .compactMap { statistic.value($0.comparison!.result) }
                return group.reduce(0, +) / Double(group.count)
            }
            #expect(abs(entry.effects[0] - (means.max()! - means.min()!)) < 1e-9 * max(1, abs(means.max()!)))
        }
        #expect(summary.lines().contains { $0.hasPrefix("Early/all → Late/all") && $0.contains("slopeChange") })
    }
}

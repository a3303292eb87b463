import Foundation
import Testing
@testable import TrendAnalysis
import TrendFit

/// Ninety systems from 2000 to 2021, log10 value 10 + 0.3·(year − 2000) + noise, a few far below
/// their contemporaries, every third listing the domain Language.
let sweepDataset: Dataset = {
    var generator = SplitMix64(state: 11)
    let start = CalendarDate(year: 2000, month: 1, day: 1).daysSinceEpoch
    let systems = (0..<90).map { index -> MLSystem in
        let days = start + Double(index) * 89 + Double.random(in: 0..<30, using: &generator)
        let year = TimeConventions.standard.year(of: CalendarDate(daysSinceEpoch: days))
        let outlier = index % 17 == 5 ? -4.0 : 0
        let log10Value = 10 + 0.3 * (year - 2000) + Double.random(in: -0.6...0.6, using: &generator) + outlier
        return MLSystem(name: "s\(index)", date: CalendarDate(daysSinceEpoch: days), value: pow(10, log10Value),
                        domains: index % 3 == 0 ? ["Language"] : ["Vision"], line: index + 2)
    }
    return Dataset(source: "synthetic sweep data", systems: systems)
}()

/// A two-setting sweep of eight configurations over `sweepDataset`.
let eightConfigurations = """
    {"periods": [{"name": "Early", "start": "2000", "end": "split"}, {"name": "Late", "start": "split"}],
     "subsets": ["all", "regular"], "resamples": 30, "seed": 31,
     "sweep": [{"name": "split", "from": "2008", "to": "2011", "step": "1y"}, {"name": "outlierZ", "values": [-2.5, -1.5]}]}
    """

/// The complete output text of a run of `runner` over `shard`.
func sweepText(_ runner: SweepRunner, shard: Shard = .whole, backends: [any RegressionBackend] = [CPUBackend()],
               chunkSize: Int? = nil, format: SweepOutputFormat = .csv) throws -> String {
    let table = SweepTable(spec: runner.spec, format: format)
    let metadata = SweepMetadata(fingerprint: SweepFingerprint.of(spec: runner.spec, dataset: runner.dataset, precision: .double),
                                 configurations: runner.spec.grid.count, shard: shard)
    let opening = table.openingLines(metadata)
    var rows: [String] = []
    try runner.run(shard: shard, backends: backends, chunkSize: chunkSize) { chunk, _ in rows += chunk.map(table.line) }
    return sealedSweepText(opening: opening, rows: rows, format: format)
}

/// The opening lines and rows of a sweep output followed by the trailer that matches them.
func sealedSweepText(opening: [String], rows: [String], format: SweepOutputFormat) -> String {
    var digest = SweepDigest()
    for line in opening { digest.add(openingLine: line) }
    for line in rows { digest.add(row: line) }
    let fingerprint = SweepMetadata.parse(opening[0])!.metadata.fingerprint
    return (opening + rows + [digest.trailer(fingerprint: fingerprint).line(format)]).joined(separator: "\n") + "\n"
}

/// `text` (a sweep output, possibly edited) with its trailer replaced by one that matches its lines.
func resealed(_ text: String) -> String {
    var lines = text.split(separator: "\n").map(String.init)
    lines.removeLast()
    let format = SweepMetadata.parse(lines[0])!.format
    let openingCount = format == .csv ? 2 : 1
    return sealedSweepText(opening: Array(lines.prefix(openingCount)), rows: Array(lines.dropFirst(openingCount)), format: format)
}

@Suite struct SweepRunnerTests {
    @Test func oneConfigurationEqualsTheEraAnalysis() throws {
        let spec = try sweepSpec(#"{"subsets": ["all", "regular"], "resamples": 40, "seed": 7}"#)
        let rows = try SweepRunner(spec: spec, dataset: embeddedDataset, precision: .double).rows(of: [0], on: CPUBackend())
        let settings = try AnalysisSettings(subsets: [.all, .regular], bootstrap: BootstrapSettings(resamples: 40, seed: 7))
        let report = try EraAnalysis(settings: settings).run(on: embeddedDataset, backend: CPUBackend(), precision: .double)
        #expect(report.rows.count == 6 && report.rows.allSatisfy { $0.estimate != nil })
        #expect(rows.count == report.rows.count)
        for (row, expected) in zip(rows, report.rows) {
            #expect(row.configuration == 0 && row.values.isEmpty)
            #expect(row.trend.period == expected.period && row.trend.subset == expected.subset)
            #expect(TrendRowCells.cells(row.trend) == TrendRowCells.cells(expected))
        }
    }

    @Test func chunkingShardingAndDevicesLeaveTheOutputUnchanged() throws {
        let runner = try SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)
        let reference = try sweepText(runner, chunkSize: 8)
        #expect(reference.split(separator: "\n").count == 2 + 8 * 4 + 1)
        #expect(try sweepText(runner, chunkSize: 1) == reference)
        #expect(try sweepText(runner, backends: [CPUBackend(), CPUBackend(replicatesPerTask: 7)], chunkSize: 1) == reference)
        let shards = try (1...3).map { index in
            ShardMerger.Input(name: "shard\(index).csv",
                              text: try sweepText(runner, shard: Shard(index: index, count: 3), chunkSize: 2))
        }
        #expect(try ShardMerger.merge(shards.reversed()) == reference)
        let jsonReference = try sweepText(runner, format: .jsonl)
        let jsonShards = try (1...2).map { index in
            ShardMerger.Input(name: "s\(index).jsonl", text: try sweepText(runner, shard: Shard(index: index, count: 2), format: .jsonl))
        }
        #expect(try ShardMerger.merge(jsonShards) == jsonReference)
    }

    @Test func eachChunkIsOneFitAndOneBootstrapCallPerJitterValue() throws {
        let runner = try SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)
        let spy = SpyBackend()
        _ = try sweepText(runner, backends: [spy], chunkSize: 3)
        #expect(spy.recordedCalls.map(\.kind) == ["fit", "bootstrap", "fit", "bootstrap", "fit", "bootstrap"])
        #expect(spy.recordedCalls.map(\.problems) == [12, 12, 12, 12, 8, 8])

        let jittered = try SweepRunner(spec: sweepSpec(#"{"resamples": 50, "sweep": [{"name": "jitterLog10", "values": [0, 0.1]}]}"#),
                                       dataset: sweepDataset, precision: .double)
        let jitterSpy = SpyBackend()
        let rows = try jittered.rows(of: [0, 1], on: jitterSpy)
        #expect(jitterSpy.recordedCalls.map(\.kind) == ["fit", "bootstrap", "fit", "bootstrap"])
        let slopes = rows.map { $0.trend.estimate?.slope }
        #expect(slopes[0] == slopes[rows.count / 2])
        #expect(rows[0].trend.estimate?.slopeInterval != rows[rows.count / 2].trend.estimate?.slopeInterval)
    }

    @Test func aQueryDrawsTheSameReplicatesWhateverItsPositionInTheBatch() throws {
        let selection = try Selection(dataset: sweepDataset, classifier: .standard, frontierTop: 10)
        let all = Period(name: "All", range: .unbounded)
        let target = TrendQuery(period: all, subset: .all, systems: Array(0..<60), streamIndex: 41)
        let others = (0..<3).map { TrendQuery(period: all, subset: .all, systems: Array($0 * 10..<($0 * 10 + 30)), streamIndex: $0) }
        let estimator = TrendEstimator(backend: CPUBackend(), precision: .double, conventions: .standard,
                                       bootstrap: try BootstrapSettings(resamples: 200, seed: 3))
        let alone = try #require(try estimator.estimate([target], over: selection.systems)[0].estimate)
        let inBatch = try #require(try estimator.estimate(others + [target], over: selection.systems)[3].estimate)
        #expect(alone.replicateSlopes.elementsEqual(inBatch.replicateSlopes))
        #expect(alone.replicateIntercepts.elementsEqual(inBatch.replicateIntercepts))
        var moved = target
        moved.streamIndex = 42
        let elsewhere = try #require(try estimator.estimate([moved], over: selection.systems)[0].estimate)
        #expect(!elsewhere.replicateSlopes.elementsEqual(alone.replicateSlopes))
    }

    @Test func streamsAreKeyedByRoleAndSelectedSystems() throws {
        let systems = try Selection(dataset: sweepDataset, classifier: .standard, frontierTop: 10).systems
        let role = SelectionStream.eraRole(period: 1, subset: .all)
        let stream = SelectionStream.index(role: role, systems: systems[0..<40])
        #expect((0...Int(Int32.max)).contains(stream))
        #expect(SelectionStream.index(role: role, systems: Array(systems[0..<40])) == stream)
        #expect(SelectionStream.index(role: SelectionStream.eraRole(period: 1, subset: .regular), systems: systems[0..<40]) != stream)
        #expect(SelectionStream.index(role: role, systems: systems[0..<39]) != stream)
        #expect(SelectionStream.index(role: role, systems: systems[1..<41]) != stream)
        var moved = Array(systems[0..<40])
        moved[7].system.value *= 2
        #expect(SelectionStream.index(role: role, systems: moved) != stream)
        // A sweep's trend draws the stream of its role and systems, as an era analysis does.
        let runner = try SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)
        let configuration = runner.spec.configuration(5)
        let selection = try Selection(dataset: sweepDataset, classifier: configuration.settings.classifier, frontierTop: 10)
        let queries = TrendQuery.eras(selection, periods: configuration.periods, subsets: runner.spec.subsets)
        let late = try #require(queries.first { $0.slot == 2 })
        #expect(late.streamIndex == SelectionStream.index(role: SelectionStream.eraRole(period: 1, subset: .all),
                                                          systems: late.systems.map { selection.systems[$0] }))
    }

    @Test func aDomainSettingFitsOnlyTheSystemsListingIt() throws {
        let spec = try sweepSpec(#"{"periods": [{"name": "All"}], "subsets": ["all"], "resamples": 50, "sweep": [{"name": "domain", "values": [null, "Language"]}]}"#)
        let rows = try SweepRunner(spec: spec, dataset: sweepDataset, precision: .double).rows(of: [0, 1], on: CPUBackend())
        let selection = try Selection(dataset: sweepDataset, classifier: .standard, frontierTop: 10)
        let nonOutliers = selection.systems.filter { $0.scale != .outlier }
        #expect(rows.map(\.trend.n) == [nonOutliers.count, nonOutliers.filter { $0.system.domains.contains("Language") }.count])
        #expect(rows.map(\.trend.domain) == [nil, "Language"])
        let language = nonOutliers.filter { $0.system.domains.contains("Language") }
        let line = ClosedFormLine(x: language.map { TimeConventions.standard.year(of: $0.system.date) }, y: language.map(\.log10Value))
        #expect(abs(try #require(rows[1].trend.estimate).slope - line.slope) < 1e-9)
    }

    @Test func aMissingDomainColumnIsReportedBeforeRunning() throws {
        let spec = try sweepSpec(#"{"domain": "Language"}"#)
        let bare = Dataset(source: "bare.csv", availableAttributes: [], systems: sweepDataset.systems)
        #expect(throws: AnalysisError.missingColumn(feature: "the domain setting", column: "Domain", source: "bare.csv")) {
            try SweepRunner(spec: spec, dataset: bare, precision: .double)
        }
    }
}

@Suite struct SweepSummaryTests {
    @Test func rangesAndEffectsMatchADirectComputation() throws {
        let runner = try SweepRunner(spec: sweepSpec(eightConfigurations), dataset: sweepDataset, precision: .double)
        var summary = SweepSummary(spec: runner.spec)
        var all: [SweepRow] = []
        try runner.run(shard: .whole, backends: [CPUBackend()], chunkSize: 3) { rows, configurations in
            summary.add(rows, configurations: configurations)
            all += rows
        }
        let entries = summary.entries
        #expect(entries.count == 4 * SweepSummary.statistics.count)
        for entry in entries {
            let statistic = try #require(SweepSummary.statistics.first { $0.name == entry.statistic })
            let series = all.filter { $0.periodIndex == entry.periodIndex && $0.trend.subset == entry.subset }
            let values = series.compactMap { statistic.value($0.trend) }
            #expect(entry.minimum == values.min() && entry.maximum == values.max())
            for dimension in 0..<2 {
                let means = runner.spec.dimensions[dimension].values.indices.compactMap { valueIndex -> Double? in
                    let group = series.filter { runner.spec.grid.valueIndices(of: $0.configuration)[dimension] == valueIndex }
                        .compactMap { statistic.value($0.trend) }
                    return group.isEmpty ? nil : group.reduce(0, +) / Double(group.count)
                }
                #expect(abs(entry.effects[dimension] - (means.max()! - means.min()!)) < 1e-9 * max(1, abs(means.max()!)))
            }
        }
        let n = try #require(entries.first { $0.periodIndex == 0 && $0.subset == .all && $0.statistic == "n" })
        #expect(n.strongest == 0)
        #expect(summary.lines().first == "Sweep summary: 8 configurations, 32 rows")
    }

    @Test func settingsThatChangeNoSelectionMoveNothing() throws {
        let spec = try sweepSpec(#"{"resamples": 200, "sweep": [{"name": "outlierZ", "values": [-10, -20, -30]}]}"#)
        let runner = try SweepRunner(spec: spec, dataset: embeddedDataset, precision: .double)
        var summary = SweepSummary(spec: spec)
        var all: [SweepRow] = []
        try runner.run(shard: .whole, backends: [CPUBackend()], chunkSize: 1) { rows, configurations in
            summary.add(rows, configurations: configurations)
            all += rows
        }
        #expect(all.count == 3 * 8)
        for entry in summary.entries {
            #expect(entry.effects == [0], "\(entry.statistic) of period \(entry.periodIndex) \(entry.subset) moved")
            #expect(entry.strongest == nil)
        }
        let perConfiguration = all.count / 3
        for row in 0..<perConfiguration {
            let cells = TrendRowCells.cells(all[row].trend)
            #expect(TrendRowCells.cells(all[row + perConfiguration].trend) == cells)
            #expect(TrendRowCells.cells(all[row + 2 * perConfiguration].trend) == cells)
        }
    }
}

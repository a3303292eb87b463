import Foundation
import Testing
import TestSupport
@testable import TrendAnalysis
import TrendFit

@Suite struct TrendComparisonTests {
    static let periods = [
        Period(name: "Early", range: DateRange(end: CalendarDate(year: 2011, month: 1, day: 1))),
        Period(name: "Late", range: DateRange(start: CalendarDate(year: 2011, month: 1, day: 1))),
        Period(name: "Since 2008", range: DateRange(start: CalendarDate(year: 2008, month: 1, day: 1))),
    ]

    static func settings(_ comparisons: [String], resamples: Int = 300) throws -> AnalysisSettings {
        try AnalysisSettings(periods: periods, subsets: [.all, .regular],
                             bootstrap: BootstrapSettings(resamples: resamples, seed: 5),
                             comparisons: comparisons.map { text throws in try TrendComparisonSpec(parsing: text) })
    }

    @Test func comparisonsAreReadAndCheckedAgainstThePeriods() throws {
        let spec = try TrendComparisonSpec(parsing: "Deep Learning Era/large, Deep Learning Era/regular")
        #expect(spec.first == TrendReference(periodName: "Deep Learning Era", subset: .large))
        #expect(spec.second == TrendReference(periodName: "Deep Learning Era", subset: .regular))
        #expect(try TrendComparisonSpec(parsing: "Pre Deep Learning Era,Deep Learning Era").first.subset == .all)
        #expect(TrendReference(parsing: "A/B testing era").periodName == "A/B testing era")
        for bad in ["Early", "Early,Late,Early", ",Late", "Early,Early/all"] {
            #expect(throws: AnalysisError.self) { try TrendComparisonSpec(parsing: bad) }
        }
        #expect {
            try Self.settings(["Early,Middle"])
        } throws: { error in
            "\(error)".contains("no period is called 'Middle' (the periods are 'Early', 'Late', 'Since 2008')")
        }
    }

    @Test func thePValueCountsReplicateChangesOnEachSideOfZero() {
        #expect(TrendComparison.pValue(changes: []) == nil)
        #expect(TrendComparison.pValue(changes: [1, 2, 3]) == 2.0 / 4)
        #expect(TrendComparison.pValue(changes: [-1, 1, 2, 3]) == 4.0 / 5)
        #expect(TrendComparison.pValue(changes: [0, 0, 0]) == 1)
        #expect(TrendComparison.pValue(changes: Array(repeating: 0.1, count: 999)) == 0.002)
        #expect(TrendComparison.pValue(changes: [-3, -2, -1, 0.5] + Array(repeating: -1, count: 15)) == 2 * 2.0 / 20)
    }

    @Test func disjointTrendsPairTheirOwnRowsReplicates() throws {
        let settings = try Self.settings(["Early,Late"])
        let report = try EraAnalysis(settings: settings).run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let comparison = try #require(report.comparisons.first)
        let early = try #require(report.rows.first { $0.period.name == "Early" && $0.subset == .all }?.estimate)
        let late = try #require(report.rows.first { $0.period.name == "Late" && $0.subset == .all }?.estimate)
        #expect(!comparison.isJoint && comparison.sharedCount == 0)
        #expect(early.excludedResamples == 0 && late.excludedResamples == 0)
        let estimate = try #require(comparison.estimate)
        let changes = zip(early.replicateSlopes, late.replicateSlopes).map { $1 - $0 }
        #expect(estimate.validResamples == 300)
        #expect(estimate.slopeChange == late.slope - early.slope)
        #expect(estimate.slopeChangeInterval == QuantileInterval(percentilesOf: changes, confidence: 0.95))
        #expect(estimate.doublingRatio == late.slope / early.slope)
        let ratios = zip(early.replicateSlopes, late.replicateSlopes).map { $1 / $0 }
        #expect(estimate.doublingRatioInterval == QuantileInterval(percentilesOf: ratios, confidence: 0.95))
        #expect(estimate.pValue == TrendComparison.pValue(changes: changes))
    }

    @Test func overlappingTrendsAreFittedToOneResampleOfTheUnion() throws {
        let settings = try Self.settings(["Late,Since 2008/regular"], resamples: 120)
        let report = try EraAnalysis(settings: settings).run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let comparison = try #require(report.comparisons.first)
        let selection = report.selection
        let query = try ComparisonQuery(spec: settings.comparisons[0], selection: selection, periods: Self.periods)
        let first = Set(query.first.systems)
        let second = Set(query.second.systems)
        let union = first.union(second).sorted()
        #expect(comparison.isJoint && comparison.sharedCount == first.intersection(second).count)
        #expect(comparison.sharedCount > 0 && comparison.sharedCount < union.count)
        // Independent reference: draw the union's resample from the documented stream and fit each
        // trend's drawn systems exactly.
        let stream = SelectionStream.index(role: query.jointRole, systems: union.map { selection.systems[$0] })
        let x = selection.systems.map { TimeConventions.standard.year(of: $0.system.date) }
        let y = selection.systems.map(\.log10Value)
        var changes: [Double] = []
        for b in 0..<120 {
            let random = ReplicateStream(seed: 5, problem: stream, replicate: b)
            let drawn = (0..<union.count).map { t in
                union[ReplicateStream.index(ReplicateStream.word(random.block(t / 4, purpose: .rowIndex), t), count: UInt32(union.count))]
            }
            let firstDrawn = drawn.filter(first.contains)
            let secondDrawn = drawn.filter(second.contains)
            let firstLine = ClosedFormLine(x: firstDrawn.map { x[$0] }, y: firstDrawn.map { y[$0] })
            let secondLine = ClosedFormLine(x: secondDrawn.map { x[$0] }, y: secondDrawn.map { y[$0] })
            changes.append(secondLine.slope - firstLine.slope)
        }
        let estimate = try #require(comparison.estimate)
        #expect(estimate.validResamples == 120)
        let expected = QuantileInterval(percentilesOf: changes, confidence: 0.95)!
        let interval = try #require(estimate.slopeChangeInterval)
        for (value, reference) in zip(interval.array, expected.array) { #expect(abs(value - reference) < 1e-9) }
        #expect(estimate.pValue == TrendComparison.pValue(changes: changes))
        let firstFit = ClosedFormLine(x: query.first.systems.map { x[$0] }, y: query.first.systems.map { y[$0] })
        let secondFit = ClosedFormLine(x: query.second.systems.map { x[$0] }, y: query.second.systems.map { y[$0] })
        #expect(abs(estimate.slopeChange - (secondFit.slope - firstFit.slope)) < 1e-9)
    }

    @Test func identicalTrendsChangeByExactlyZero() throws {
        let late = Self.periods[1]
        let settings = try AnalysisSettings(periods: [late, Period(name: "Also late", range: late.range)], subsets: [.all],
                                            bootstrap: BootstrapSettings(resamples: 100, seed: 5),
                                            comparisons: [TrendComparisonSpec(parsing: "Late,Also late")])
        let report = try EraAnalysis(settings: settings).run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let comparison = try #require(report.comparisons.first)
        let estimate = try #require(comparison.estimate)
        #expect(comparison.sharedCount == report.rows[0].n && comparison.sharedCount == comparison.firstCount)
        #expect(estimate.validResamples == 100)
        #expect(estimate.slopeChangeInterval == QuantileInterval(low: 0, median: 0, high: 0))
        #expect(estimate.pValue == 1)
    }

    @Test func comparisonsLeaveTheEraRowsUnchanged() throws {
        let plain = try EraAnalysis(settings: Self.settings([])).run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let compared = try EraAnalysis(settings: Self.settings(["Early,Late", "Late,Since 2008/regular"]))
            .run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        #expect(compared.comparisons.count == 2 && plain.comparisons.isEmpty)
        #expect(plain.rows.map(TrendRowCells.cells) == compared.rows.map(TrendRowCells.cells))
    }

    @Test func theJSONReportCarriesTheComparisons() throws {
        let report = try EraAnalysis(settings: Self.settings(["Early,Late"]))
            .run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportFormatter.format(report).utf8)) as? [String: Any])
        let comparisons = try #require(object["comparisons"] as? [[String: Any]])
        let estimate = try #require(report.comparisons[0].estimate)
        #expect(comparisons.count == 1)
        #expect((comparisons[0]["first"] as? [String: Any])?["period"] as? String == "Early")
        #expect(comparisons[0]["resampling"] as? String == "independent")
        // Foundation's JSON reader may miss the last bit of a double.
        func close(_ a: Double?, _ b: Double?) -> Bool { a != nil && b != nil && abs(a! - b!) <= 1e-15 * max(1, abs(b!)) }
        #expect(close(comparisons[0]["pValue"] as? Double, estimate.pValue))
        let interval = try #require(comparisons[0]["slopeChangeInterval"] as? [Double])
        #expect(interval.count == 3 && zip(interval, estimate.slopeChangeInterval!.array).allSatisfy(close))
        let plain = try EraAnalysis(settings: Self.settings([])).run(on: sweepDataset, backend: CPUBackend(), precision: .double)
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportFormatter.format(plain).utf8)) as? [String: Any])
        #expect(plainObject["comparisons"] == nil)
    }

    @Test func theTrendsCommandRejectsComparisonsInCSVAndUnknownPeriods() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let csv = try ShardProcessTests.trendfit(["trends", "--compare", "Pre Deep Learning Era,Deep Learning Era", "--format", "csv"])
        #expect(csv.status == 64 && csv.stderr.contains("--compare results are written in the table and json formats"))
        let unknown = try ShardProcessTests.trendfit(["trends", "--compare", "Pre Deep Learning Era,Modern Era"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no period is called 'Modern Era'"))
    }
}

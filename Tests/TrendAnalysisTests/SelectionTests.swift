import Foundation
import Testing
import TrendAnalysis
import TestSupport

@Suite struct ScaleClassificationTests {
    @Test func zScoresMatchTheBruteForceDefinition() throws {
        var generator = SplitMix64(state: 7)
        // Integer days with many ties, so window edges (exactly ±W days apart) occur.
        let days = (0..<400).map { _ in Double(Int.random(in: 0..<3000, using: &generator)) }
        let logs = days.map { 10 + $0 / 400 + Double.random(in: -2...2, using: &generator) }
        let classifier = try ScaleClassifier(windowDays: 364)
        let scores = classifier.zScores(dates: days.map(CalendarDate.init(daysSinceEpoch:)), log10Values: logs)
        let reference = bruteForceZScores(days: days, logs: logs, windowDays: 364)
        for (score, expected) in zip(scores, reference) {
            #expect(abs(score - expected) < 1e-9)
        }
    }

    @Test func windowIncludesSystemsExactlyWDaysAway() throws {
        let classifier = try ScaleClassifier(windowDays: 10)
        let dates = [0.0, 10, 21].map(CalendarDate.init(daysSinceEpoch:))
        let scores = classifier.zScores(dates: dates, log10Values: [1, 3, 100])
        // System 0 sees {1, 3}: mean 2, population sd 1. System 2 is alone.
        #expect(scores == [-1, 1, 0])
    }

    @Test func zeroSpreadGivesZero() throws {
        let classifier = ScaleClassifier.standard
        let dates = [0.0, 1, 2].map(CalendarDate.init(daysSinceEpoch:))
        #expect(classifier.zScores(dates: dates, log10Values: [0.1, 0.1, 0.1]) == [0, 0, 0])
        #expect(classifier.zScores(dates: [CalendarDate(daysSinceEpoch: 5)], log10Values: [21]) == [0])
    }

    @Test func thresholdsSplitOutliersRegularAndLarge() throws {
        let classifier = ScaleClassifier.standard
        let before = CalendarDate(year: 2015, month: 8, day: 31)
        let from = CalendarDate(year: 2015, month: 9, day: 1)
        #expect(classifier.scaleClass(zScore: -2.01, date: from) == .outlier)
        #expect(classifier.scaleClass(zScore: -2, date: from) == .regular)
        #expect(classifier.scaleClass(zScore: 0.76, date: from) == .large)
        #expect(classifier.scaleClass(zScore: 0.76, date: before) == .regular)
        #expect(classifier.scaleClass(zScore: 0.75, date: from) == .regular)
    }

    @Test func rejectsNegativeWindows() {
        #expect(throws: AnalysisError.self) { try ScaleClassifier(windowDays: -1) }
    }
}

@Suite struct RecordAndFrontierTests {
    // Day:    1  2  3  3  4  5  6
    // Value:  5  3  7  6  7  8  2
    static let dates = [1.0, 2, 3, 3, 4, 5, 6].map(CalendarDate.init(daysSinceEpoch:))
    static let values = [5.0, 3, 7, 6, 7, 8, 2]

    @Test func recordsExceedEverythingPublishedEarlier() {
        // 6 on day 3 beats the earlier maximum 5; same-day systems do not compete; 7 on day 4 only ties.
        #expect(RecordSetting.flags(dates: Self.dates, values: Self.values) == [true, false, true, true, false, true, false])
    }

    @Test func frontierKeepsTheTopNSoFar() {
        // Top 2 among systems up to each date (same day included):
        // day 1 {5}: 5 in; day 2 {5,3}: 3 in; day 3 {5,3,7,6}: 7 in, 6 in; day 4 {…,7}: 7 ties first, in;
        // day 5: 8 in; day 6: 2 is below 8, 7, 7, … out.
        #expect(Frontier.flags(dates: Self.dates, values: Self.values, top: 2) == [true, true, true, true, true, true, false])
        #expect(Frontier.flags(dates: Self.dates, values: Self.values, top: 1) == [true, false, true, false, true, true, false])
    }

    @Test func recordsAndFrontierMatchBruteForceOnRandomData() {
        var generator = SplitMix64(state: 11)
        let days = (0..<300).map { _ in Double(Int.random(in: 0..<200, using: &generator)) }
        let values = days.map { _ in Double(Int.random(in: 0..<60, using: &generator)) }
        let dates = days.map(CalendarDate.init(daysSinceEpoch:))
        let records = days.indices.map { i in days.indices.allSatisfy { days[$0] >= days[i] || values[$0] < values[i] } }
        #expect(RecordSetting.flags(dates: dates, values: values) == records)
        let frontier = days.indices.map { i in days.indices.filter { days[$0] <= days[i] && values[$0] > values[i] }.count < 5 }
        #expect(Frontier.flags(dates: dates, values: values, top: 5) == frontier)
    }
}

@Suite struct PeriodTests {
    @Test func parsesNamesDatesYearsAndOpenEnds() throws {
        let era = try Period(parsing: "Deep Learning Era=2010-01-01..end")
        #expect(era.name == "Deep Learning Era")
        #expect(era.range == DateRange(start: CalendarDate(year: 2010, month: 1, day: 1), end: nil))
        let years = try Period(parsing: " Early = 1950 .. 2010 ")
        #expect(years.name == "Early")
        #expect(years.range.end == CalendarDate(year: 2010, month: 1, day: 1))
        #expect(try Period(parsing: "All=start..end").range == .unbounded)
    }

    @Test(arguments: ["2010..end", "=2010..end", "A=2010", "A=2010..2012..2014", "A=2015..2010", "A=2010..later", "A=soon..end"])
    func rejectsMalformedPeriods(text: String) {
        #expect(throws: AnalysisError.self) { try Period(parsing: text) }
    }

    @Test func rangesIncludeTheirStartAndExcludeTheirEnd() throws {
        let range = try Period(parsing: "P=2010-01-01..2015-09-01").range
        #expect(range.contains(CalendarDate(year: 2010, month: 1, day: 1)))
        #expect(!range.contains(CalendarDate(daysSinceEpoch: CalendarDate(year: 2010, month: 1, day: 1).daysSinceEpoch - 0.001)))
        #expect(range.contains(CalendarDate(year: 2015, month: 8, day: 31)))
        #expect(!range.contains(CalendarDate(year: 2015, month: 9, day: 1)))
    }

    @Test func defaultsAreTheThreeEras() {
        #expect(Period.defaults.map(\.name) == ["Pre Deep Learning Era", "Deep Learning Era", "Large-Scale Era"])
        #expect(Period.defaults.map(\.range.description) == ["1950-01-01..2010-01-01", "2010-01-01..end", "2015-09-01..end"])
    }
}

@Suite struct SelectionTests {
    @Test func windowAndFiltersApplyBeforeClassification() throws {
        var systems = (0..<40).map { (index: Int) -> MLSystem in
            let notability: [String] = index % 2 == 0 ? ["SOTA improvement"] : []
            let confidence = index % 3 == 0 ? "Confident" : "Likely"
            return MLSystem(name: "s\(index)", date: CalendarDate(daysSinceEpoch: Double(index * 30)),
                            value: pow(10, Double(index % 7)), notabilityCriteria: notability, confidence: confidence,
                            organizationCategories: ["Industry", "Academia"])
        }
        systems.append(MLSystem(name: "late", date: CalendarDate(daysSinceEpoch: 5000), value: 1))
        let data = Dataset(source: "synthetic", systems: systems)
        let window = DateRange(start: CalendarDate(daysSinceEpoch: 60), end: CalendarDate(daysSinceEpoch: 1000))
        let filter = SystemFilter(notability: ["sota improvement"], confidence: ["Confident"])
        let selection = try Selection(dataset: data, window: window, filter: filter, classifier: .standard, frontierTop: 3)
        let kept = systems.filter {
            window.contains($0.date) && $0.notabilityCriteria == ["SOTA improvement"] && $0.confidence == "Confident"
        }
        #expect(selection.systems.map(\.system.name) == kept.map(\.name))
        #expect(selection.outsideWindow == systems.count - systems.filter { window.contains($0.date) }.count)
        #expect(selection.filteredOut == systems.filter { window.contains($0.date) }.count - kept.count)
        let reference = bruteForceZScores(days: kept.map(\.date.daysSinceEpoch), logs: kept.map { log10($0.value) }, windowDays: 364)
        for (system, z) in zip(selection.systems, reference) {
            #expect(abs(system.zScore - z) < 1e-9)
        }
    }

    @Test func filtersNeedTheirColumns() {
        let data = Dataset(source: "bare.csv", availableAttributes: [], systems: [])
        let error = #expect(throws: AnalysisError.self) {
            try Selection(dataset: data, filter: SystemFilter(confidence: ["Confident"]), classifier: .standard, frontierTop: 10)
        }
        #expect(error == .missingColumn(feature: "the confidence filter", column: "Confidence", source: "bare.csv"))
    }

    @Test func outliersJoinNoSubset() throws {
        // Twelve systems on one day: eleven at 10^20, one at 10^10 (z = −√11 ≈ −3.3).
        let points = (0..<11).map { _ in ("2020-01-01", 1e20) } + [("2020-01-01", 1e10)]
        let selection = try Selection(dataset: dataset(points), classifier: .standard, frontierTop: 10)
        let outlier = try #require(selection.systems.first { $0.system.value == 1e10 })
        #expect(outlier.scale == .outlier)
        #expect(abs(outlier.zScore + 11.0.squareRoot()) < 1e-9)
        #expect(Subset.allCases.allSatisfy { !$0.contains(outlier) })
        #expect(selection.count(.outlier) == 1)
    }
}

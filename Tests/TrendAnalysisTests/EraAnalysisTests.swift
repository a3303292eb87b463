import Foundation
import Testing
@testable import TrendAnalysis
import TrendFit

@Suite struct EraAnalysisTests {
    /// Forty systems a month apart from 2012 with log10 value 2 + 0.5·(year − 2012) plus a fixed zig-zag.
    static let noisyLine: Dataset = {
        let conventions = TimeConventions.standard
        let start = CalendarDate(year: 2012, month: 1, day: 1).daysSinceEpoch
        let points = (0..<40).map { index -> (String, Double) in
            let date = CalendarDate(daysSinceEpoch: start + Double(index) * 30.5)
            let year = conventions.year(of: date)
            let log10Value = 2 + 0.5 * (year - 2012) + (index % 3 == 0 ? 0.3 : -0.15)
            return (date.description, pow(10, log10Value))
        }
        return dataset(points)
    }()

    static func settings(periods: [Period] = [Period(name: "All", range: .unbounded)], subsets: [Subset] = [.all],
                         resamples: Int = 400, includeDomains: Bool = false) throws -> AnalysisSettings {
        try AnalysisSettings(periods: periods, subsets: subsets,
                             bootstrap: BootstrapSettings(resamples: resamples, seed: 99), includeDomains: includeDomains)
    }

    @Test func slopeInterceptAndRSquaredMatchTheClosedForm() throws {
        let report = try EraAnalysis(settings: Self.settings()).run(on: Self.noisyLine, backend: CPUBackend(), precision: .double)
        let row = try #require(report.rows.first)
        let estimate = try #require(row.estimate)
        let conventions = TimeConventions.standard
        let x = Self.noisyLine.systems.map { conventions.year(of: $0.date) }
        let y = Self.noisyLine.systems.map { log10($0.value) }
        let reference = ClosedFormLine(x: x, y: y)
        #expect(row.n == 40)
        #expect(abs(estimate.slope - reference.slope) < 1e-9)
        #expect(abs(estimate.intercept - reference.intercept) < 1e-6)
        #expect(abs(try #require(estimate.rSquared) - reference.rSquared) < 1e-9)
        #expect(abs(estimate.doublingMonths - 12 * log10(2) / reference.slope) < 1e-7)
        #expect(abs(estimate.growthPerYear - pow(10, reference.slope)) < 1e-9)
        let first = reference.intercept + reference.slope * x.min()!
        let last = reference.intercept + reference.slope * x.max()!
        #expect(abs(log10(estimate.scaleStart) - first) < 1e-9)
        #expect(abs(log10(estimate.scaleEnd) - last) < 1e-9)
        #expect(row.firstDate == Self.noisyLine.systems.first!.date)
        #expect(row.lastDate == Self.noisyLine.systems.last!.date)
    }

    @Test func intervalsArePercentilesOfTheBackendReplicates() throws {
        let settings = try Self.settings(resamples: 500)
        let report = try EraAnalysis(settings: settings).run(on: Self.noisyLine, backend: CPUBackend(), precision: .double)
        let estimate = try #require(report.rows.first?.estimate)

        let conventions = TimeConventions.standard
        let table = try DataTable(columns: [
            (name: "x", values: Self.noisyLine.systems.map { conventions.year(of: $0.date) }),
            (name: "y", values: Self.noisyLine.systems.map { log10($0.value) }),
        ])
        #expect(report.selection.systems.count == 40)
        let stream = SelectionStream.index(role: "era 0 all", systems: report.selection.systems)
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<40).map { Int32($0) }, response: 1,
                                                                                regressors: [0], streamIndex: stream)])
        let slopes = try CPUBackend().bootstrap(batch, plan: settings.bootstrap.plan, precision: .double)
            .values(problem: 0, coefficient: 1).sorted()
        func type7(_ p: Double) -> Double {
            let h = Double(slopes.count - 1) * p
            return slopes[Int(h)] + (h - h.rounded(.down)) * (slopes[min(Int(h) + 1, slopes.count - 1)] - slopes[Int(h)])
        }
        let interval = try #require(estimate.slopeInterval)
        #expect(estimate.validResamples == slopes.count)
        #expect(abs(interval.low - type7(0.025)) < 1e-12)
        #expect(abs(interval.median - type7(0.5)) < 1e-12)
        #expect(abs(interval.high - type7(0.975)) < 1e-12)
        #expect(interval.low < estimate.slope && estimate.slope < interval.high)
        let doubling = try #require(estimate.doublingInterval)
        #expect(abs(doubling.low - conventions.doublingMonths(slope: interval.high)) < 1e-12)
        #expect(abs(doubling.high - conventions.doublingMonths(slope: interval.low)) < 1e-12)
    }

    @Test func everyTrendGoesThroughOneFitAndOneBootstrapCall() throws {
        let backend = SpyBackend()
        let settings = try AnalysisSettings(subsets: [.all, .regular, .large, .records, .frontier],
                                            bootstrap: BootstrapSettings(resamples: 50), includeDomains: true)
        let report = try EraAnalysis(settings: settings).run(on: embeddedDataset, backend: backend, precision: .double)
        let fitted = (report.rows + report.domainRows).filter { $0.n >= TrendEstimator.minimumSystems }.count
        #expect(backend.recordedCalls.map(\.kind) == ["fit", "bootstrap"])
        #expect(backend.recordedCalls.map(\.problems) == [fitted, fitted])
        #expect(report.rows.count > 9)
        #expect(!report.domainRows.isEmpty)
    }

    @Test func tinyAndEmptyCombinationsAreNotSentToTheBackend() throws {
        let points = [("2016-01-01", 1e20), ("2016-06-01", 1e21), ("2017-01-01", 1e22), ("2018-01-01", 1e23)]
        let periods = [try Period(parsing: "Early=2016..2017"), try Period(parsing: "Late=2017..end"), try Period(parsing: "None=1990..2000")]
        let backend = SpyBackend()
        let report = try EraAnalysis(settings: Self.settings(periods: periods)).run(on: dataset(points), backend: backend, precision: .double)
        #expect(report.rows.map(\.period.name) == ["Early", "Late"])
        #expect(report.rows.map(\.n) == [2, 2])
        #expect(report.rows.allSatisfy { $0.estimate == nil && $0.note == "fewer than 3 systems" })
        #expect(backend.recordedCalls.isEmpty)
    }

    @Test func recordAndFrontierSubsetsFitTheirSystems() throws {
        let points = [("2016-01-01", 1e20), ("2016-03-01", 1e19), ("2016-06-01", 1e21), ("2016-09-01", 5e20),
                      ("2017-01-01", 1e22), ("2017-06-01", 2e21), ("2018-01-01", 1e23)]
        let report = try EraAnalysis(settings: Self.settings(subsets: [.records, .frontier], resamples: 100))
            .run(on: dataset(points), backend: CPUBackend(), precision: .double)
        // Records: 1e20, 1e21, 1e22, 1e23. Frontier top 10 holds every system (only 7).
        #expect(report.rows.map(\.subset) == [.records, .frontier])
        #expect(report.rows.map(\.n) == [4, 7])
        let recordYears = [points[0], points[2], points[4], points[6]].map {
            TimeConventions.standard.year(of: CalendarDate(parsing: $0.0)!)
        }
        let reference = ClosedFormLine(x: recordYears, y: [20, 21, 22, 23])
        #expect(abs(try #require(report.rows[0].estimate).slope - reference.slope) < 1e-9)
    }

    @Test func domainRowsCountSystemsUnderEachOfTheirDomains() throws {
        let points = (0..<12).map { (CalendarDate(daysSinceEpoch: 16_000 + Double($0) * 40).description, pow(10, 18 + Double($0) * 0.1)) }
        let domains = (0..<12).map { $0 < 4 ? ["Vision", "Language"] : ($0 < 10 ? ["Language"] : ["Vision"]) }
        let settings = try AnalysisSettings(periods: [Period(name: "All", range: .unbounded)],
                                            bootstrap: BootstrapSettings(resamples: 100), includeDomains: true, minimumDomainSystems: 5)
        let report = try EraAnalysis(settings: settings).run(on: dataset(points, domains: domains), backend: CPUBackend(), precision: .double)
        #expect(report.domainRows.map { $0.domain ?? "" } == ["Language", "Vision"])
        #expect(report.domainRows.map(\.n) == [10, 6])
    }

    @Test func theDomainTableNeedsADomainColumn() {
        let data = Dataset(source: "bare.csv", availableAttributes: [], systems: Self.noisyLine.systems)
        #expect(throws: AnalysisError.missingColumn(feature: "the domain table", column: "Domain", source: "bare.csv")) {
            try EraAnalysis(settings: Self.settings(includeDomains: true)).run(on: data, backend: CPUBackend(), precision: .double)
        }
    }

    @Test func anEmptyWindowIsAnError() throws {
        let settings = try AnalysisSettings(window: DateRange(start: CalendarDate(year: 1900, month: 1, day: 1),
                                                              end: CalendarDate(year: 1901, month: 1, day: 1)))
        #expect(throws: AnalysisError.self) {
            try EraAnalysis(settings: settings).run(on: Self.noisyLine, backend: CPUBackend(), precision: .double)
        }
    }

    @Test func doublingIntervalIsUnboundedWhenTheSlopeIntervalHoldsZero() {
        let estimate = QuantileInterval(low: -0.1, median: 0.2, high: 0.4)
        let conventions = TimeConventions.standard
        let mapped = TrendEstimate.doublingInterval(slopeInterval: estimate, conventions: conventions)
        #expect(mapped == QuantileInterval(low: conventions.doublingMonths(slope: 0.4), median: conventions.doublingMonths(slope: 0.2),
                                           high: .infinity))
    }
}

@Suite struct EmbeddedEraTests {
    @Test func deepLearningEraTrendMatchesAnIndependentComputation() throws {
        let settings = try AnalysisSettings(bootstrap: BootstrapSettings(resamples: 200))
        let report = try EraAnalysis(settings: settings).run(on: embeddedDataset, backend: CPUBackend(), precision: .double)

        // Independently: parse the CSV, z-score by brute force, keep non-outliers from 2010-01-01.
        let records = ReferenceCSV.records(DatasetLoader.embeddedCSV)
        let dateColumn = try #require(records[0].firstIndex(of: "Publication date"))
        let valueColumn = try #require(records[0].firstIndex(of: "Training compute (FLOP)"))
        let usable = records.dropFirst().filter { !$0[dateColumn].isEmpty && (Double($0[valueColumn]) ?? 0) > 0 }
        let days = try usable.map { try #require(CalendarDate(parsing: $0[dateColumn])).daysSinceEpoch }
        let logs = usable.map { log10(Double($0[valueColumn])!) }
        let z = bruteForceZScores(days: days, logs: logs, windowDays: 364)
        let start2010 = CalendarDate(year: 2010, month: 1, day: 1).daysSinceEpoch
        let members = days.indices.filter { days[$0] >= start2010 && z[$0] >= -2 }
        let reference = ClosedFormLine(x: members.map { 1970 + days[$0] / 365.25 }, y: members.map { logs[$0] })

        let row = try #require(report.rows.first { $0.period.name == "Deep Learning Era" && $0.subset == .all })
        let estimate = try #require(row.estimate)
        #expect(row.n == members.count)
        #expect(abs(estimate.slope - reference.slope) < 1e-9)
        #expect(estimate.slope > 0)
        let interval = try #require(estimate.slopeInterval)
        #expect(interval.low < estimate.slope && estimate.slope < interval.high)
        #expect(estimate.validResamples + estimate.excludedResamples == 200)
        #expect(report.rows.map(\.period.name) == ["Pre Deep Learning Era", "Pre Deep Learning Era", "Deep Learning Era",
                                                   "Deep Learning Era", "Deep Learning Era", "Large-Scale Era",
                                                   "Large-Scale Era", "Large-Scale Era"])
    }
}

@Suite struct AnalysisSettingsTests {
    @Test func rejectsSettingsOutOfRange() {
        #expect(throws: AnalysisError.self) { try AnalysisSettings(frontierTop: 0) }
        #expect(throws: AnalysisError.self) { try AnalysisSettings(periods: []) }
        #expect(throws: AnalysisError.self) { try AnalysisSettings(subsets: []) }
        #expect(throws: AnalysisError.self) {
            try AnalysisSettings(window: DateRange(start: CalendarDate(year: 2020, month: 1, day: 1), end: CalendarDate(year: 2019, month: 1, day: 1)))
        }
        #expect(throws: AnalysisError.self) { try BootstrapSettings(confidence: 1) }
        #expect(throws: AnalysisError.self) { try BootstrapSettings(resamples: 0) }
        #expect(throws: AnalysisError.self) { try BootstrapSettings(jitterLog10: -0.1) }
        #expect(throws: AnalysisError.self) { try BootstrapSettings(minimumDistinctSystems: 1) }
    }

    @Test func jitterReachesTheBootstrapPlan() throws {
        let plan = try BootstrapSettings(resamples: 10, seed: 3, jitterLog10: 0.2, minimumDistinctSystems: 4).plan
        #expect(plan == BootstrapPlan(scheme: .cases, resamples: 10, seed: 3, jitter: 0.2, minimumDistinctRows: 4,
                                      replicateResidualSums: false))
    }
}

import Foundation
import Testing
import TrendAnalysis

/// Reads a spec from JSON text.
func sweepSpec(_ json: String, maxConfigurations: Int = SweepSpec.defaultMaxConfigurations) throws(SweepSpecError) -> SweepSpec {
    try SweepSpec(data: Data(json.utf8), source: "spec.json", maxConfigurations: maxConfigurations)
}

/// The error reading `json` gives, or nil when it reads.
func sweepSpecError(_ json: String, maxConfigurations: Int = SweepSpec.defaultMaxConfigurations) -> SweepSpecError? {
    do {
        _ = try sweepSpec(json, maxConfigurations: maxConfigurations)
        return nil
    } catch {
        return error
    }
}

@Suite struct SweepGridTests {
    static let deepLearningStart = """
        {"periods": [{"name": "Pre", "start": "1950", "end": "deepLearningStart"}, {"name": "Deep", "start": "deepLearningStart"}],
         "sweep": [{"name": "deepLearningStart", "from": "2008-01", "to": "2013-12", "step": "1m"}]}
        """

    @Test func monthlyBoundariesFrom2008To2013GiveSeventyTwoConfigurations() throws {
        let spec = try sweepSpec(Self.deepLearningStart)
        #expect(spec.grid.count == 72)
        #expect(spec.slotsPerConfiguration == 2 * 3)
        let starts = (0..<72).map { spec.configuration($0).periods[1].range.start! }
        var expected: [CalendarDate] = []
        for year in 2008...2013 { for month in 1...12 { expected.append(CalendarDate(year: year, month: month, day: 1)) } }
        #expect(starts == expected)
        #expect((0..<72).allSatisfy { spec.configuration($0).periods[0].range.end == expected[$0] })
        #expect(spec.configuration(5).periods[0].range.start == CalendarDate(year: 1950, month: 1, day: 1))
    }

    @Test func theCartesianProductVariesTheLastDimensionFastest() throws {
        let spec = try sweepSpec("""
            {"sweep": [{"name": "outlierZ", "values": [-3, -2]},
                       {"name": "zWindowDays", "from": 100, "to": 300, "step": 100},
                       {"name": "domain", "values": [null, "Language"]}]}
            """)
        #expect(spec.grid.count == 12)
        let expected: [(Double, Double, String?)] = [-3.0, -2.0].flatMap { z in
            [100.0, 200, 300].flatMap { window in [nil, "Language"].map { (z, window, $0) } }
        }
        for (index, (z, window, domain)) in expected.enumerated() {
            let settings = spec.configuration(index).settings
            #expect(settings.outlierZ == z && settings.zWindowDays == window && settings.domain == domain)
            #expect(spec.grid.configuration(valueIndices: spec.grid.valueIndices(of: index)) == index)
        }
    }

    @Test func numericRangesIncludeTheirEndAndAvoidRoundingNoise() throws {
        let spec = try sweepSpec(#"{"sweep": [{"name": "largeZ", "from": 0.5, "to": 1.1, "step": 0.1}]}"#)
        #expect(spec.dimensions[0].values == [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1].map(SweepValue.number))
    }

    @Test func monthStepsClampToTheEndOfShortMonths() throws {
        let step = try #require(DateStep(parsing: "1m"))
        let dates = step.dates(from: CalendarDate(year: 2008, month: 1, day: 31), through: CalendarDate(year: 2008, month: 4, day: 30))
        #expect(dates.map(\.description) == ["2008-01-31", "2008-02-29", "2008-03-31", "2008-04-30"])
        #expect(DateStep(parsing: "30d").map { $0.advance(CalendarDate(year: 2020, month: 1, day: 1), by: 2).description } == "2020-03-01")
        #expect(DateStep(parsing: "2y").map { $0.advance(CalendarDate(year: 2020, month: 2, day: 29), by: 1).description } == "2022-02-28")
        #expect(DateStep(parsing: "0m") == nil)
        #expect(DateStep(parsing: "m") == nil)
        #expect(DateStep(parsing: "1w") == nil)
    }

    @Test func fixedSettingsAndDefaultsReachEveryConfiguration() throws {
        let spec = try sweepSpec("""
            {"resamples": 250, "seed": "18446744073709551615", "confidence": 0.9, "jitterLog10": 0.05,
             "filter": {"notability": ["SOTA improvement"]}, "largeFrom": "2016-01",
             "conventions": {"daysPerYear": 365}, "subsets": ["all", "records"], "window": {"from": "1990"}}
            """)
        #expect(spec.grid.count == 1)
        #expect(spec.bootstrap.resamples == 250 && spec.bootstrap.seed == UInt64.max && spec.bootstrap.confidence == 0.9)
        #expect(spec.bootstrap(for: spec.configuration(0)).jitterLog10 == 0.05)
        #expect(spec.fixed.filter == SystemFilter(notability: ["SOTA improvement"]))
        #expect(spec.fixed.largeFrom == CalendarDate(year: 2016, month: 1, day: 1))
        #expect(spec.conventions.daysPerYear == 365 && spec.conventions.daysPerMonth == 365.0 / 12)
        #expect(spec.subsets == [.all, .records])
        #expect(spec.window.start == CalendarDate(year: 1990, month: 1, day: 1))
        #expect(spec.periods == Period.defaults.map(PeriodTemplate.init))
    }

    @Test func periodsMayStartAtTheSweptLargeScaleDate() throws {
        let spec = try sweepSpec("""
            {"periods": [{"name": "Large", "start": "largeFrom"}], "sweep": [{"name": "largeFrom", "values": ["2015-09-01", "2016"]}]}
            """)
        #expect(spec.configuration(1).periods[0].range.start == CalendarDate(year: 2016, month: 1, day: 1))
        #expect(spec.configuration(1).settings.classifier.largeFrom == CalendarDate(year: 2016, month: 1, day: 1))
    }
}

@Suite struct SweepSpecValidationTests {
    @Test func unknownKeysAreNamedWithTheirPath() {
        #expect(sweepSpecError(#"{"resample": 10}"#)?.description.hasPrefix("spec.json: resample: unknown key; the keys here are description,") == true)
        #expect(sweepSpecError(#"{"sweep": [{"name": "outlierZ", "values": [1], "stpe": 1}]}"#)
            == .unknownKey(source: "spec.json", path: "sweep[0].stpe", allowed: ["name", "values", "from", "to", "step"]))
        #expect(sweepSpecError(#"{"filter": {"notabilty": ["x"]}}"#)
            == .unknownKey(source: "spec.json", path: "filter.notabilty", allowed: ["notability", "confidence", "organizationCategories"]))
        #expect(sweepSpecError(#"{"periods": [{"name": "A", "begin": "2010"}]}"#)
            == .unknownKey(source: "spec.json", path: "periods[0].begin", allowed: ["name", "start", "end"]))
    }

    @Test func emptyAndReversedRangesAndBadSteps() {
        #expect(sweepSpecError(#"{"sweep": [{"name": "outlierZ", "values": []}]}"#) == .emptyRange(source: "spec.json", path: "sweep[0].values"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeFrom", "from": "2014", "to": "2012", "step": "1y"}]}"#)
            == .reversedRange(source: "spec.json", path: "sweep[0]", from: "2014-01-01", to: "2012-01-01"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeZ", "from": 2, "to": 1, "step": 0.5}]}"#)
            == .reversedRange(source: "spec.json", path: "sweep[0]", from: "2", to: "1"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeZ", "from": 1, "to": 2, "step": 0}]}"#)
            == .nonPositiveStep(source: "spec.json", path: "sweep[0].step", step: "0"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeFrom", "from": "2012", "to": "2014", "step": "-1m"}]}"#)
            == .nonPositiveStep(source: "spec.json", path: "sweep[0].step", step: "-1m"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeFrom", "from": "2012", "to": "2014"}]}"#)
            == .missingKey(source: "spec.json", path: "sweep[0].step"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "domain", "from": "a", "to": "b", "step": 1}]}"#)?.description
            == "spec.json: sweep[0].from: 'domain' takes a list under 'values', not a range")
    }

    @Test func badDatesAndTypes() {
        #expect(sweepSpecError(#"{"largeFrom": "2015-13-01"}"#) == .invalidDate(source: "spec.json", path: "largeFrom", text: "2015-13-01"))
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeFrom", "values": ["2015-09-01", "Sept 2015"]}]}"#)
            == .invalidDate(source: "spec.json", path: "sweep[0].values[1]", text: "Sept 2015"))
        #expect(sweepSpecError(#"{"resamples": "100"}"#) == .wrongType(source: "spec.json", path: "resamples", expected: "a number", found: "a string"))
        #expect(sweepSpecError(#"{"resamples": 0}"#)?.description == "spec.json: resamples: expected a whole number from 1 to 4294967295, got 0")
        #expect(sweepSpecError(#"{"zWindowDays": -1}"#)?.description.hasPrefix("spec.json: zWindowDays: the z window must be") == true)
        #expect(sweepSpecError(#"{"subsets": ["all", "huge"]}"#)?.description.hasPrefix("spec.json: subsets[1]: unknown subset 'huge'") == true)
        #expect(sweepSpecError("{\"sweep\": [") != nil)
    }

    @Test func sweptNamesMustBeSettingsOrBoundariesThatPeriodsUse() {
        #expect(sweepSpecError(#"{"periods": [{"name": "A", "start": "dlStart"}]}"#)?.description.hasPrefix(
            "spec.json: periods[0].start: 'dlStart' is not a date") == true)
        #expect(sweepSpecError(#"{"sweep": [{"name": "dlStart", "values": ["2010"]}]}"#)?.description
            == "spec.json: sweep: the boundary 'dlStart' is swept but no 'periods' are given to use it")
        #expect(sweepSpecError(#"{"periods": [{"name": "A"}], "sweep": [{"name": "dlStart", "values": ["2010"]}]}"#)?.description
            == "spec.json: periods: the swept boundary 'dlStart' is not the start or end of any period")
        #expect(sweepSpecError(#"{"sweep": [{"name": "slope", "values": ["2010"]}]}"#)?.description.hasPrefix(
            "spec.json: sweep[0].name: 'slope' is neither a setting") == true)
        #expect(sweepSpecError(#"{"outlierZ": -2, "sweep": [{"name": "outlierZ", "values": [-3]}]}"#)?.description
            == "spec.json: sweep[0].name: 'outlierZ' also has a fixed value at the top level; give it in one place")
        #expect(sweepSpecError(#"{"sweep": [{"name": "largeZ", "values": [1]}, {"name": "largeZ", "values": [2]}]}"#)?.description
            == "spec.json: sweep[1].name: 'largeZ' is swept twice")
    }

    @Test func everyConfigurationsPeriodsMustHoldADate() {
        let json = """
            {"periods": [{"name": "Early", "start": "2009-06", "end": "split"}],
             "sweep": [{"name": "split", "from": "2009-01", "to": "2010-01", "step": "6m"}]}
            """
        #expect(sweepSpecError(json)?.description
            == "spec.json: periods[0]: the period 'Early' is 2009-06-01..2009-01-01, which holds no date, when split = 2009-01-01")
    }

    @Test func gridsLargerThanTheLimitAreRefused() throws {
        let json = #"{"sweep": [{"name": "largeZ", "from": 0, "to": 9, "step": 1}, {"name": "outlierZ", "from": -5, "to": -1, "step": 1}]}"#
        #expect(sweepSpecError(json, maxConfigurations: 49) == .tooManyConfigurations(source: "spec.json", count: "50", limit: 49))
        #expect(try sweepSpec(json, maxConfigurations: 50).grid.count == 50)
    }
}

import Foundation
import Testing
import TrendAnalysis

@Suite struct DateParsingTests {
    @Test(arguments: [
        ("2017-12-05", 17505.0),
        ("2000-03-01", 11017.0),
        ("1950-07-02", -7123.0),
        ("1600-02-29", -135081.0),
        ("2024-02-29", 19782.0),
        ("2017-12-05T00:00:00", 17505.0),
        ("2017-12-05T12:00:00", 17505.5),
        ("2017-12-05T06:00:00Z", 17505.25),
        ("2017-12-05 18:00", 17505.75),
        ("2017-12-05T00:00:00.5", 17505 + 0.5 / 86_400),
        ("2017", 17167.0),
        ("  2017-12-05 ", 17505.0),
    ])
    func parsesEachForm(text: String, days: Double) {
        #expect(CalendarDate(parsing: text)?.daysSinceEpoch == days)
    }

    @Test(arguments: ["", "17", "2017-12", "2017-13-01", "2017-00-10", "2017-02-29", "1900-02-29", "2017-04-31",
                      "2017-12-05T24:00:00", "2017-12-05T10:60", "2017T10:00", "Dec 5, 2017", "2017-12-05x", "20171205"])
    func rejectsMalformedDates(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func componentsAgreeWithFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -80_000, through: 40_000, by: 97) {
            let date = CalendarDate(daysSinceEpoch: Double(days) + 0.3)
            let reference = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let components = date.components
            #expect(components.year == reference.year && components.month == reference.month && components.day == reference.day)
            #expect(CalendarDate(year: components.year, month: components.month, day: components.day).daysSinceEpoch == Double(days))
        }
    }

    @Test func describesDatesInISOForm() {
        #expect(CalendarDate(year: 2015, month: 9, day: 1).description == "2015-09-01")
        #expect(CalendarDate(parsing: "0987-01-31T23:59:59")!.description == "0987-01-31")
    }
}

@Suite struct TimeConventionsTests {
    @Test func aSlopeOfLog10TwoPerYearDoublesEveryTwelveMonths() throws {
        let conventions = TimeConventions.standard
        #expect(conventions.daysPerMonth == 30.4375)
        #expect(abs(conventions.doublingMonths(slope: log10(2)) - 12) < 1e-12)
        #expect(abs(conventions.doublingMonths(slope: 0.5) - 12 * log10(2) / 0.5) < 1e-12)
        #expect(abs(conventions.growthPerYear(slope: 1) - 10) < 1e-12)
        #expect(conventions.doublingMonths(slope: -log10(2)) < 0)
    }

    @Test func customMonthLengthScalesDoublingTimes() throws {
        let conventions = try TimeConventions(daysPerYear: 365, daysPerMonth: 30)
        // log10(2) / slope = 1 year of 365 days = 365 / 30 months.
        #expect(abs(conventions.doublingMonths(slope: log10(2)) - 365.0 / 30.0) < 1e-12)
    }

    @Test func decimalYearsCountFromNineteenSeventy() throws {
        let conventions = TimeConventions.standard
        #expect(conventions.year(of: CalendarDate(year: 1970, month: 1, day: 1)) == 1970)
        #expect(abs(conventions.year(of: CalendarDate(year: 2000, month: 1, day: 1)) - (1970 + 10_957 / 365.25)) < 1e-12)
        #expect(abs(conventions.date(ofYear: 2001.5).daysSinceEpoch - 31.5 * 365.25) < 1e-9)
        #expect(conventions.statements.contains { $0.contains("365.25 / 30.4375") })
    }

    @Test func rejectsNonPositiveLengths() {
        #expect(throws: AnalysisError.self) { try TimeConventions(daysPerYear: 0) }
        #expect(throws: AnalysisError.self) { try TimeConventions(daysPerYear: 365, daysPerMonth: -1) }
    }
}

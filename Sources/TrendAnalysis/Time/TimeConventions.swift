import Foundation

/// How dates become regression x values and how slopes become growth rates; printed with every result.
///
/// x is the decimal year `1970 + (days since 1970-01-01) / daysPerYear`. The response is log10 of the
/// value, so a slope is in orders of magnitude (log10 units) per year, the growth factor per year is
/// `10^slope`, and the doubling time is `log10(2) / slope` years, or that times
/// `daysPerYear / daysPerMonth` months.
public struct TimeConventions: Sendable, Equatable {
    /// Days in one year of x (default 365.25, the Julian year).
    public let daysPerYear: Double
    /// Days in one month of a doubling time (default `daysPerYear / 12`).
    public let daysPerMonth: Double

    /// Creates conventions; `daysPerMonth` defaults to `daysPerYear / 12`.
    public init(daysPerYear: Double = 365.25, daysPerMonth: Double? = nil) throws(AnalysisError) {
        guard daysPerYear.isFinite, daysPerYear > 0 else {
            throw .invalidSetting(name: "days per year", reason: "must be a positive number, got \(daysPerYear)")
        }
        let month = daysPerMonth ?? daysPerYear / 12
        guard month.isFinite, month > 0 else {
            throw .invalidSetting(name: "days per month", reason: "must be a positive number, got \(month)")
        }
        self.daysPerYear = daysPerYear
        self.daysPerMonth = month
    }

    /// The default conventions: 365.25 days per year, 30.4375 days per month.
    public static let standard = try! TimeConventions()

    /// The decimal year (x value) of a date.
    public func year(of date: CalendarDate) -> Double {
        1970 + date.daysSinceEpoch / daysPerYear
    }

    /// The date whose decimal year is `year`.
    public func date(ofYear year: Double) -> CalendarDate {
        CalendarDate(daysSinceEpoch: (year - 1970) * daysPerYear)
    }

    /// Doubling time in months of a trend with `slope` log10 units per year (negative for a decline,
    /// infinite for a zero slope).
    public func doublingMonths(slope: Double) -> Double {
        log10(2) / slope * (daysPerYear / daysPerMonth)
    }

    /// Growth factor per year, `10^slope`.
    public func growthPerYear(slope: Double) -> Double {
        pow(10, slope)
    }

    /// One-line statements of the conventions, for output headers.
    public var statements: [String] {
        [
            "x = 1970 + (days since 1970-01-01) / \(daysPerYear.compactDescription) (decimal year, UTC)",
            "slope in orders of magnitude (log10 units) per year; growth per year = 10^slope",
            "doubling time = log10(2) / slope years = log10(2) / slope × \(daysPerYear.compactDescription) / \(daysPerMonth.compactDescription) months",
            "date ranges include their start and exclude their end",
        ]
    }
}

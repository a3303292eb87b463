/// Evenly spaced "nice" tick values for an axis.
enum AxisTicks {
    /// Multiples of the smallest step from `steps` giving at most `maximumCount` ticks in `range`.
    static func ticks(in range: ClosedRange<Double>, steps: [Double], maximumCount: Int) -> [Double] {
        let step = steps.first { ((range.upperBound - range.lowerBound) / $0).rounded(.down) + 1 <= Double(maximumCount) }
            ?? steps.last!
        let first = Int((range.lowerBound / step).rounded(.up))
        let last = Int((range.upperBound / step + 1e-9).rounded(.down))
        return first <= last ? (first...last).map { Double($0) * step } : []
    }

    /// Year ticks (steps of 1, 2, 5, 10, 20, 25, 50 or 100 years).
    static func years(in range: ClosedRange<Double>) -> [Double] {
        ticks(in: range, steps: [1, 2, 5, 10, 20, 25, 50, 100], maximumCount: 11)
    }

    /// Powers-of-ten ticks on a log10 axis (every 1, 2, 3, 5 or 10 decades).
    static func decades(in range: ClosedRange<Double>) -> [Double] {
        ticks(in: range, steps: [1, 2, 3, 5, 10], maximumCount: 16)
    }
}

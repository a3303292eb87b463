/// Finds record-setting systems: those whose value exceeds every value published before them.
public enum RecordSetting {
    /// For each system, whether `values[i]` is greater than every value published strictly before
    /// `dates[i]`. Systems published on the same day do not compete with each other, so the earliest
    /// systems are all records.
    public static func flags(dates: [CalendarDate], values: [Double]) -> [Bool] {
        precondition(dates.count == values.count, "one date per value")
        let order = dates.indices.sorted { dates[$0] < dates[$1] }
        var flags = Array(repeating: false, count: dates.count)
        var earlierMaximum = -Double.infinity
        var groupStart = 0
        while groupStart < order.count {
            let day = dates[order[groupStart]]
            let group = order[groupStart...].prefix { dates[$0] == day }
            for index in group { flags[index] = values[index] > earlierMaximum }
            earlierMaximum = max(earlierMaximum, group.map { values[$0] }.max()!)
            groupStart += group.count
        }
        return flags
    }
}

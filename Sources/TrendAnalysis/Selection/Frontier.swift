/// Finds frontier systems: those among the top N of everything published up to their date.
public enum Frontier {
    /// For each system, whether fewer than `top` systems published on or before `dates[i]`
    /// (same-day systems included) have a value greater than `values[i]`.
    public static func flags(dates: [CalendarDate], values: [Double], top: Int) -> [Bool] {
        precondition(dates.count == values.count, "one date per value")
        precondition(top >= 1, "the frontier holds at least one system")
        let order = dates.indices.sorted { dates[$0] < dates[$1] }
        var flags = Array(repeating: false, count: dates.count)
        var publishedDescending: [Double] = []
        var groupStart = 0
        while groupStart < order.count {
            let day = dates[order[groupStart]]
            let group = order[groupStart...].prefix { dates[$0] == day }
            for index in group {
                publishedDescending.insert(values[index], at: countGreater(than: values[index], in: publishedDescending))
                // Only the `top` largest decide whether fewer than `top` values exceed a value.
                if publishedDescending.count > top { publishedDescending.removeLast() }
            }
            for index in group { flags[index] = countGreater(than: values[index], in: publishedDescending) < top }
            groupStart += group.count
        }
        return flags
    }

    /// Number of elements greater than `value` in a descending array (binary search).
    private static func countGreater(than value: Double, in descending: [Double]) -> Int {
        var low = 0
        var high = descending.count
        while low < high {
            let middle = (low + high) / 2
            if descending[middle] > value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

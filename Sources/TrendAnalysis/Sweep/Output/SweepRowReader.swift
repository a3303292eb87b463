import Foundation

/// Reads the rows of a sweep's output back into `SweepRow`s (to summarise or plot merged shards).
///
/// A row is rebuilt from the spec (its configuration's swept values and periods) and from the
/// row's own fields; doubling times and growth are recomputed from the slopes as the sweep computes
/// them (JSON Lines writes infinite values as null). The rebuilt row must write back to exactly the
/// line that was read, so a row of another spec, an edited row or an ambiguous value is refused.
public struct SweepRowReader: Sendable {
    /// The spec whose rows are read.
    public let spec: SweepSpec
    /// The table the rows are written in.
    public let table: SweepTable
    /// The last configuration read, resolved (rows of one configuration come together).
    private var configuration: SweepConfiguration?

    /// A reader of `spec`'s rows written in `format`.
    public init(spec: SweepSpec, format: SweepOutputFormat) {
        self.spec = spec
        table = SweepTable(spec: spec, format: format)
    }

    /// The row `line` holds; throws `ShardMergeError.badRow` naming `file` and `lineNumber`.
    public mutating func row(_ line: String, file: String, lineNumber: Int) throws(ShardMergeError) -> SweepRow {
        func failure(_ reason: String) -> ShardMergeError { .badRow(file: file, line: lineNumber, reason: reason) }
        guard let field = Self.fields(of: line, columns: table.columns, format: table.format) else {
            throw failure("expected the \(table.columns.count) \(table.format == .csv ? "comma-separated fields" : "keys") "
                          + "\(table.columns.joined(separator: ","))")
        }
        func text(_ column: String) -> String? { field[column] ?? nil }
        func number(_ column: String) throws(ShardMergeError) -> Double? {
            guard let value = text(column) else { return nil }
            guard let number = Double(value) else { throw failure("\(column) '\(value)' is not a number") }
            return number
        }
        func count(_ column: String) throws(ShardMergeError) -> Int {
            guard let value = text(column), let count = Int(value), count >= 0 else {
                throw failure("\(column) '\(text(column) ?? "")' is not a count")
            }
            return count
        }
        func date(_ column: String) throws(ShardMergeError) -> CalendarDate {
            guard let value = text(column), let date = CalendarDate(parsing: value) else {
                throw failure("\(column) '\(text(column) ?? "")' is not a date")
            }
            return date
        }

        let index = try count("configuration")
        guard index < spec.grid.count else { throw failure("configuration \(index) is not in the grid of \(spec.grid.count)") }
        if configuration?.index != index { configuration = spec.configuration(index) }
        let configuration = configuration!
        guard let periodIndex = configuration.periods.firstIndex(where: { $0.name == text("period") }) else {
            throw failure("period '\(text("period") ?? "")' is not a period of the spec")
        }
        let comparison = try text("versusPeriod").map { _ throws(ShardMergeError) in
            try comparisonOf(configuration: configuration, text: text, number: number, count: count, failure: failure)
        }
        guard let subset = text("subset").flatMap(Subset.init(rawValue:)),
              spec.subsets.contains(subset) || comparison?.result.spec.first.subset == subset else {
            throw failure("subset '\(text("subset") ?? "")' is not a subset of the spec")
        }
        let firstDate = try date("firstDate")
        var trend = TrendRow(period: configuration.periods[periodIndex], subset: subset, domain: text("domain"),
                             n: try count("n"), firstDate: firstDate, lastDate: try date("lastDate"),
                             estimate: nil, note: comparison == nil ? text("note") : nil)
        if comparison == nil, let slope = try number("slope") {
            let ends = [try number("slopeLow"), try number("slopeMedian"), try number("slopeHigh")]
            trend.estimate = TrendEstimate(
                slope: slope,
                slopeInterval: ends.allSatisfy { $0 != nil } ? QuantileInterval(low: ends[0]!, median: ends[1]!, high: ends[2]!) : nil,
                rSquared: try number("rSquared"),
                // A fitted scale is positive, so a null (JSON's infinity) is +∞.
                scaleStart: try number("scaleStart") ?? .infinity, scaleEnd: try number("scaleEnd") ?? .infinity,
                validResamples: try count("validResamples"), excludedResamples: try count("excludedResamples"),
                firstYear: spec.conventions.year(of: firstDate), conventions: spec.conventions)
        }
        let row = SweepRow(configuration: index, values: configuration.values, periodIndex: periodIndex, trend: trend,
                           comparison: comparison)
        guard table.line(row) == line else {
            throw failure("the row does not read back as the sweep of the spec writes it (another spec, or an edited row)")
        }
        return row
    }

    /// The comparison of a comparison row (one with a `versusPeriod`), from its comparison columns.
    private func comparisonOf(configuration: SweepConfiguration, text: (String) -> String?,
                              number: (String) throws(ShardMergeError) -> Double?,
                              count: (String) throws(ShardMergeError) -> Int,
                              failure: (String) -> ShardMergeError) throws(ShardMergeError) -> SweepComparison {
        let first = TrendReference(periodName: text("period") ?? "", subset: Subset(rawValue: text("subset") ?? "") ?? .all)
        let second = TrendReference(periodName: text("versusPeriod") ?? "",
                                    subset: Subset(rawValue: text("versusSubset") ?? "") ?? .all)
        guard let index = spec.comparisons.firstIndex(where: { $0.first == first && $0.second == second }),
              let secondPeriod = configuration.periods.first(where: { $0.name == second.periodName }) else {
            throw failure("the comparison '\(first.label),\(second.label)' is not one of the spec's")
        }
        var result = TrendComparison(spec: spec.comparisons[index], firstCount: try count("n"),
                                     secondCount: try count("versusN"), sharedCount: try count("sharedSystems"),
                                     estimate: nil, note: text("note"))
        if let slopeChange = try number("slopeChange") {
            func interval(_ stem: String) throws(ShardMergeError) -> QuantileInterval? {
                guard let low = try number(stem + "Low"), let median = try number(stem + "Median"),
                      let high = try number(stem + "High") else { return nil }
                return QuantileInterval(low: low, median: median, high: high)
            }
            // The pairs without a ratio are not written; they do not enter any output.
            result.estimate = TrendComparison.Estimate(
                slopeChange: slopeChange, slopeChangeInterval: try interval("slopeChange"),
                doublingRatio: try number("doublingRatio"), doublingRatioInterval: try interval("doublingRatio"),
                pValue: try number("pValue"), validResamples: try count("validPairs"),
                excludedResamples: try count("excludedPairs"), pairsWithoutRatio: 0)
        }
        return SweepComparison(index: index, secondPeriod: secondPeriod, result: result)
    }

    /// The fields of a row line by column: nil for an empty CSV field or a JSON null; nil when the
    /// line does not hold exactly `columns`.
    private static func fields(of line: String, columns: [String], format: SweepOutputFormat) -> [String: String?]? {
        switch format {
        case .csv:
            guard let fields = csvFields(line), fields.count == columns.count else { return nil }
            return Dictionary(uniqueKeysWithValues: zip(columns, fields.map { $0.isEmpty ? nil : $0 }))
        case .jsonl:
            guard case .object(let object)? = try? JSONValue(parsing: Data(line.utf8)),
                  Set(object.keys) == Set(columns) else { return nil }
            return object.mapValues { value -> String? in
                switch value {
                case .string(let text): text
                case .number(let number): number.compactDescription
                default: nil
                }
            }
        }
    }

    /// Splits a CSV line with RFC 4180 quoting (no line breaks); nil when a quote is not closed.
    private static func csvFields(_ line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character != "\"" {
                    field.append(character)
                } else if index < characters.count && characters[index] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
            } else if character == "\"" && atFieldStart {
                quoted = true
                atFieldStart = false
            } else {
                field.append(character)
                atFieldStart = false
            }
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }
}

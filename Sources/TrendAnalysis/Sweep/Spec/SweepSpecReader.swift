import Foundation
import TrendFit

/// Reads and validates a sweep spec, reporting the first problem with its key path.
struct SweepSpecReader {
    /// The spec's source, for messages.
    let source: String
    /// Largest grid accepted.
    let maxConfigurations: Int

    private static let topKeys = [
        "description", "window", "periods", "subsets", "frontierTop", "zWindowDays", "outlierZ", "largeZ", "largeFrom",
        "domain", "filter", "jitterLog10", "resamples", "seed", "confidence", "minimumDistinctSystems", "conventions", "sweep",
        "compare", "strata", "clusters",
    ]

    /// Output columns a boundary may not be named after.
    private static let reservedNames = Set(["configuration", "note"] + TrendRowCells.columns + ComparisonCells.columns)

    /// Parses and validates `data`.
    func read(_ data: Data) throws(SweepSpecError) -> SweepSpec {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw .unreadable(source: source, reason: "not valid JSON: \(error)")
        }
        let root = SpecNode(source: source, path: "", value: json)
        let members = try root.object(allowed: Self.topKeys)
        if let description = root.member("description", of: members) { _ = try description.string() }

        var fixed = SweptSettings.standard
        var fixedSettings: Set<String> = []
        for setting in SweepSetting.named {
            guard let node = root.member(setting.description, of: members) else { continue }
            fixed.apply(try value(node, of: setting), to: setting)
            fixedSettings.insert(setting.description)
        }
        let dimensions = try readDimensions(root.member("sweep", of: members), fixedSettings: fixedSettings)
        for dimension in dimensions { fixed.apply(dimension.values[0], to: dimension.setting) }

        let periods = try readPeriods(root.member("periods", of: members), dimensions: dimensions)
        let subsets = try readSubsets(root.member("subsets", of: members))
        guard let grid = SweepGrid(valueCounts: dimensions.map(\.values.count)), grid.count <= maxConfigurations else {
            let count = SweepGrid(valueCounts: dimensions.map(\.values.count)).map { String($0.count) } ?? "more than \(Int.max)"
            throw .tooManyConfigurations(source: source, count: count, limit: maxConfigurations)
        }
        let spec = SweepSpec(
            source: source, canonicalText: json.canonicalText, window: try readWindow(root.member("window", of: members)),
            periods: periods, subsets: subsets,
            frontierTop: try root.member("frontierTop", of: members)?.integer(in: 1...Int(Int32.max)) ?? 10,
            conventions: try readConventions(root.member("conventions", of: members)),
            bootstrap: try readBootstrap(root, members, jitter: fixed.jitterLog10), fixed: fixed,
            dimensions: dimensions, grid: grid,
            comparisons: try readComparisons(root.member("compare", of: members), periods: periods))
        try checkPeriodBounds(spec, node: root.member("periods", of: members) ?? root.child("periods", .null))
        return spec
    }

    // MARK: Values

    /// A value of `setting` at `node`.
    private func value(_ node: SpecNode, of setting: SweepSetting) throws(SweepSpecError) -> SweepValue {
        switch setting.kind {
        case .date:
            return .date(try node.date())
        case .number:
            let number = try node.number()
            try check(number, of: setting, at: node)
            return .number(number)
        case .domain:
            if case .null = node.value { return .domain(nil) }
            return .domain(try node.label())
        case .filter:
            let members = try node.object(allowed: ["notability", "confidence", "organizationCategories"])
            return .filter(SystemFilter(
                notability: try node.member("notability", of: members)?.labels() ?? [],
                confidence: try node.member("confidence", of: members)?.labels() ?? [],
                organizationCategories: try node.member("organizationCategories", of: members)?.labels() ?? []))
        }
    }

    /// Checks the range of a numeric setting's value.
    private func check(_ number: Double, of setting: SweepSetting, at node: SpecNode) throws(SweepSpecError) {
        switch setting {
        case .zWindowDays where number < 0:
            throw node.invalid("the z window must be a non-negative number of days, got \(number)")
        case .jitterLog10 where number < 0:
            throw node.invalid("the jitter must be a non-negative number of log10 units, got \(number)")
        default:
            return
        }
    }

    // MARK: Dimensions

    private func readDimensions(_ node: SpecNode?, fixedSettings: Set<String>) throws(SweepSpecError) -> [SweepDimension] {
        guard let node else { return [] }
        var dimensions: [SweepDimension] = []
        for element in try node.elements() {
            let members = try element.object(allowed: ["name", "values", "from", "to", "step"])
            let nameNode = try element.required("name", of: members)
            let name = try nameNode.string()
            let setting = try self.setting(named: name, at: nameNode)
            if fixedSettings.contains(name) {
                throw nameNode.invalid("'\(name)' also has a fixed value at the top level; give it in one place")
            }
            if dimensions.contains(where: { $0.name == name }) {
                throw nameNode.invalid("'\(name)' is swept twice")
            }
            let values = try readValues(element, members, of: setting)
            dimensions.append(SweepDimension(setting: setting, values: values))
        }
        return dimensions
    }

    /// The setting a dimension's `name` names: a known setting or a boundary identifier.
    private func setting(named name: String, at node: SpecNode) throws(SweepSpecError) -> SweepSetting {
        if let setting = SweepSetting.named.first(where: { $0.description == name }) { return setting }
        let scalars = name.unicodeScalars
        let isIdentifier = scalars.first.map { $0.isASCII && $0.properties.isAlphabetic } == true
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        guard isIdentifier, !Self.reservedNames.contains(name) else {
            throw node.invalid("'\(name)' is neither a setting (\(SweepSetting.named.map(\.description).joined(separator: ", "))) "
                               + "nor a boundary name (a letter, then letters, digits or '_'; not an output column)")
        }
        return .boundary(name)
    }

    /// The values of a dimension: an explicit `values` list or a `from`/`to`/`step` range.
    private func readValues(_ element: SpecNode, _ members: [String: JSONValue],
                            of setting: SweepSetting) throws(SweepSpecError) -> [SweepValue] {
        let rangeKeys = ["from", "to", "step"].filter { members[$0] != nil }
        if let list = element.member("values", of: members) {
            if let key = rangeKeys.first {
                throw element.child(key, .null).invalid("give either 'values' or 'from'/'to'/'step', not both")
            }
            var values: [SweepValue] = []
            for item in try list.elements() {
                let value = try value(item, of: setting)
                if values.contains(value) { throw item.invalid("the value \(value.label) is listed twice") }
                values.append(value)
            }
            guard !values.isEmpty else { throw .emptyRange(source: source, path: list.shownPath) }
            return values
        }
        guard !rangeKeys.isEmpty else { throw .missingKey(source: source, path: element.child("values", .null).shownPath) }
        let from = try element.required("from", of: members)
        let to = try element.required("to", of: members)
        let step = try element.required("step", of: members)
        switch setting.kind {
        case .date:
            let first = try from.date()
            let last = try to.date()
            let stepText = try step.string()
            guard let dateStep = DateStep(parsing: stepText) else {
                if let count = Int(stepText.dropLast()), count <= 0 {
                    throw .nonPositiveStep(source: source, path: step.shownPath, step: stepText)
                }
                throw step.invalid("expected a step like 1m, 30d or 1y (months, days, years), got '\(stepText)'")
            }
            guard first <= last else {
                throw .reversedRange(source: source, path: element.shownPath, from: first.description, to: last.description)
            }
            let count = dateStep.dates(from: first, through: last).count
            guard count <= maxConfigurations else {
                throw .tooManyConfigurations(source: source, count: "at least \(count)", limit: maxConfigurations)
            }
            return dateStep.dates(from: first, through: last).map(SweepValue.date)
        case .number:
            let first = try from.number()
            let last = try to.number()
            let increment = try step.number()
            guard increment > 0 else {
                throw .nonPositiveStep(source: source, path: step.shownPath, step: increment.compactDescription)
            }
            guard first <= last else {
                throw .reversedRange(source: source, path: element.shownPath, from: first.compactDescription,
                                     to: last.compactDescription)
            }
            let steps = ((last - first) / increment + 1e-9).rounded(.down)
            guard steps < Double(maxConfigurations) else {
                throw .tooManyConfigurations(source: source, count: "at least \(steps.compactDescription)", limit: maxConfigurations)
            }
            var values: [SweepValue] = []
            for index in 0...Int(steps) {
                let number = Double(String(format: "%.12g", first + Double(index) * increment))!
                try check(number, of: setting, at: element)
                values.append(.number(number))
            }
            return values
        case .domain, .filter:
            throw element.child(rangeKeys[0], .null).invalid("'\(setting)' takes a list under 'values', not a range")
        }
    }

    // MARK: Periods and fixed settings

    private func readPeriods(_ node: SpecNode?, dimensions: [SweepDimension]) throws(SweepSpecError) -> [PeriodTemplate] {
        let boundaries = dimensions.compactMap { if case .boundary(let name) = $0.setting { name } else { nil } }
        guard let node else {
            if let boundary = boundaries.first {
                throw SpecNode(source: source, path: "sweep", value: .null)
                    .invalid("the boundary '\(boundary)' is swept but no 'periods' are given to use it")
            }
            return Period.defaults.map(PeriodTemplate.init)
        }
        var periods: [PeriodTemplate] = []
        for element in try node.elements() {
            let members = try element.object(allowed: ["name", "start", "end"])
            let nameNode = try element.required("name", of: members)
            let name = try nameNode.label()
            if periods.contains(where: { $0.name == name }) { throw nameNode.invalid("the period name '\(name)' is used twice") }
            func bound(_ key: String) throws(SweepSpecError) -> PeriodTemplate.Bound {
                guard let boundNode = element.member(key, of: members) else { return .open }
                let text = try boundNode.string()
                if let date = CalendarDate(parsingGridDate: text) { return .date(date) }
                guard boundaries.contains(text) || text == SweepSetting.largeFrom.description else {
                    throw boundNode.invalid("'\(text)' is not a date (YYYY-MM-DD, YYYY-MM, YYYY) nor a swept boundary"
                                            + (boundaries.isEmpty ? "" : " (\(boundaries.joined(separator: ", ")))")
                                            + " nor largeFrom")
                }
                return .named(text)
            }
            periods.append(PeriodTemplate(name: name, start: try bound("start"), end: try bound("end")))
        }
        guard !periods.isEmpty else { throw .emptyRange(source: source, path: node.shownPath) }
        let referenced = Set(periods.flatMap(\.referencedNames))
        if let unused = boundaries.first(where: { !referenced.contains($0) }) {
            throw node.invalid("the swept boundary '\(unused)' is not the start or end of any period")
        }
        return periods
    }

    /// Checks that every period of every configuration ends after it starts.
    private func checkPeriodBounds(_ spec: SweepSpec, node: SpecNode) throws(SweepSpecError) {
        let dateDimensions = spec.dimensions.indices.filter { spec.dimensions[$0].setting.kind == .date }
        let dateGrid = SweepGrid(valueCounts: dateDimensions.map { spec.dimensions[$0].values.count })!
        for combination in 0..<dateGrid.count {
            var indices = Array(repeating: 0, count: spec.dimensions.count)
            for (dimension, valueIndex) in zip(dateDimensions, dateGrid.valueIndices(of: combination)) {
                indices[dimension] = valueIndex
            }
            let configuration = spec.configuration(spec.grid.configuration(valueIndices: indices))
            for (index, period) in configuration.periods.enumerated() where period.range.isEmpty {
                let values = zip(spec.dimensions, configuration.values).filter { $0.0.setting.kind == .date }
                    .map { "\($0.0.name) = \($0.1.label)" }.joined(separator: ", ")
                throw SpecNode(source: source, path: "\(node.path)[\(index)]", value: .null)
                    .invalid("the period '\(period.name)' is \(period.range), which holds no date, when \(values)")
            }
        }
    }

    /// The `compare` list: `FIRST,SECOND` texts naming periods of the spec.
    private func readComparisons(_ node: SpecNode?, periods: [PeriodTemplate]) throws(SweepSpecError) -> [TrendComparisonSpec] {
        guard let node else { return [] }
        var comparisons: [TrendComparisonSpec] = []
        for element in try node.elements() {
            let text = try element.string()
            let comparison: TrendComparisonSpec
            do throws(AnalysisError) {
                comparison = try TrendComparisonSpec(parsing: text)
                _ = try comparison.periodIndices(in: periods.map(\.name))
            } catch {
                throw element.invalid(error.description)
            }
            if comparisons.contains(where: { $0.first == comparison.first && $0.second == comparison.second }) {
                throw element.invalid("the comparison '\(text)' is listed twice")
            }
            comparisons.append(comparison)
        }
        guard !comparisons.isEmpty else { throw .emptyRange(source: source, path: node.shownPath) }
        return comparisons
    }

    private func readSubsets(_ node: SpecNode?) throws(SweepSpecError) -> [Subset] {
        guard let node else { return [.all, .regular, .large] }
        var subsets: [Subset] = []
        for element in try node.elements() {
            let name = try element.string()
            guard let subset = Subset(rawValue: name) else {
                throw element.invalid("unknown subset '\(name)'; the subsets are \(Subset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if subsets.contains(subset) { throw element.invalid("the subset '\(name)' is listed twice") }
            subsets.append(subset)
        }
        guard !subsets.isEmpty else { throw .emptyRange(source: source, path: node.shownPath) }
        return subsets
    }

    private func readWindow(_ node: SpecNode?) throws(SweepSpecError) -> DateRange {
        guard let node else { return .unbounded }
        let members = try node.object(allowed: ["from", "to"])
        let window = DateRange(start: try node.member("from", of: members)?.date(), end: try node.member("to", of: members)?.date())
        guard !window.isEmpty else { throw node.invalid("the window \(window) holds no date") }
        return window
    }

    private func readConventions(_ node: SpecNode?) throws(SweepSpecError) -> TimeConventions {
        guard let node else { return .standard }
        let members = try node.object(allowed: ["daysPerYear", "daysPerMonth"])
        let daysPerYear = try node.member("daysPerYear", of: members)?.number() ?? 365.25
        let daysPerMonth = try node.member("daysPerMonth", of: members)?.number()
        do {
            return try TimeConventions(daysPerYear: daysPerYear, daysPerMonth: daysPerMonth)
        } catch {
            throw node.invalid(error.description)
        }
    }

    private func readBootstrap(_ root: SpecNode, _ members: [String: JSONValue], jitter: Double) throws(SweepSpecError) -> BootstrapSettings {
        let standard = BootstrapSettings.standard
        var seed = standard.seed
        if let node = root.member("seed", of: members) {
            if case .string(let text) = node.value {
                guard let parsed = UInt64(text) else { throw node.invalid("expected a whole number from 0 to \(UInt64.max), got '\(text)'") }
                seed = parsed
            } else {
                seed = UInt64(try node.integer(in: 0...(1 << 53)))
            }
        }
        let confidenceNode = root.member("confidence", of: members)
        let confidence = try confidenceNode?.number() ?? standard.confidence
        guard confidence > 0, confidence < 1 else {
            throw (confidenceNode ?? root).invalid("must be between 0 and 1 (exclusive), got \(confidence)")
        }
        let resamples = try root.member("resamples", of: members)?.integer(in: 1...Int(UInt32.max)) ?? standard.resamples
        let minimumDistinct = try root.member("minimumDistinctSystems", of: members)?
            .integer(in: 2...BootstrapPlan.maxMinimumDistinctRows) ?? standard.minimumDistinctSystems
        var groups: SystemGroups?
        for grouping in [CaseGrouping.strata, .clusters] {
            guard let node = root.member(grouping.rawValue, of: members) else { continue }
            if groups != nil { throw node.invalid("give either 'strata' or 'clusters', not both") }
            let name = try node.string()
            guard let key = SystemGroups.Key(rawValue: name) else {
                throw node.invalid("unknown key '\(name)'; systems are grouped by \(SystemGroups.Key.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            groups = SystemGroups(grouping: grouping, key: key)
        }
        // Every value is checked above, so the settings' own checks pass.
        return try! BootstrapSettings(confidence: confidence, resamples: resamples, seed: seed, jitterLog10: jitter,
                                      minimumDistinctSystems: minimumDistinct, groups: groups)
    }
}

/// A value of a sweep spec together with its key path, with typed accessors whose errors name the path.
struct SpecNode {
    /// The file the spec came from, for messages.
    let source: String
    /// Key path of the value, e.g. `sweep[0].from`; empty at the root.
    let path: String
    /// The value.
    let value: JSONValue

    /// The path as shown in messages (`(top level)` for the root).
    var shownPath: String { path.isEmpty ? "(top level)" : path }

    /// The error for a value of the wrong type.
    func wrongType(_ expected: String) -> SweepSpecError {
        .wrongType(source: source, path: shownPath, expected: expected, found: value.kind)
    }

    /// The error for an invalid value.
    func invalid(_ reason: String) -> SweepSpecError {
        .invalidValue(source: source, path: shownPath, reason: reason)
    }

    /// The object's keys and values, checking that every key is in `allowed`.
    func object(allowed: [String]) throws(SweepSpecError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw wrongType("an object") }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .unknownKey(source: source, path: child(unknown, .null).shownPath, allowed: allowed)
        }
        return members
    }

    /// The member `key` of an object already read with `object(allowed:)`, or nil when absent.
    func member(_ key: String, of members: [String: JSONValue]) -> SpecNode? {
        members[key].map { child(key, $0) }
    }

    /// The member `key`, which must be present.
    func required(_ key: String, of members: [String: JSONValue]) throws(SweepSpecError) -> SpecNode {
        guard let node = member(key, of: members) else {
            throw .missingKey(source: source, path: child(key, .null).shownPath)
        }
        return node
    }

    /// The elements of a list.
    func elements() throws(SweepSpecError) -> [SpecNode] {
        guard case .array(let items) = value else { throw wrongType("a list") }
        return items.enumerated().map { SpecNode(source: source, path: "\(path)[\($0)]", value: $1) }
    }

    /// The value as a finite number.
    func number() throws(SweepSpecError) -> Double {
        guard case .number(let number) = value else { throw wrongType("a number") }
        return number
    }

    /// The value as a whole number in `range`.
    func integer(in range: ClosedRange<Int>) throws(SweepSpecError) -> Int {
        let number = try number()
        guard number.rounded() == number, number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw invalid("expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(number.compactDescription)")
        }
        return Int(number)
    }

    /// The value as text.
    func string() throws(SweepSpecError) -> String {
        guard case .string(let text) = value else { throw wrongType("a string") }
        return text
    }

    /// The value as text without line breaks or other control characters (it becomes one CSV field).
    func label() throws(SweepSpecError) -> String {
        let text = try string()
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw invalid("must be non-empty text without line breaks or control characters")
        }
        return text
    }

    /// The value as a date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or a date-time).
    func date() throws(SweepSpecError) -> CalendarDate {
        let text = try string()
        guard let date = CalendarDate(parsingGridDate: text) else {
            throw .invalidDate(source: source, path: shownPath, text: text)
        }
        return date
    }

    /// A list of labels.
    func labels() throws(SweepSpecError) -> [String] {
        var result: [String] = []
        for element in try elements() { result.append(try element.label()) }
        return result
    }

    /// The node of a member or element.
    func child(_ key: String, _ value: JSONValue) -> SpecNode {
        SpecNode(source: source, path: path.isEmpty ? key : "\(path).\(key)", value: value)
    }
}

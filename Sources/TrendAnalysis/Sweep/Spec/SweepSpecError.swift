/// A problem with a sweep spec, naming the file and the key path (e.g. `sweep[0].step`) at fault.
public enum SweepSpecError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read or is not JSON.
    case unreadable(source: String, reason: String)
    /// An object has a key the spec does not define.
    case unknownKey(source: String, path: String, allowed: [String])
    /// A required key is missing.
    case missingKey(source: String, path: String)
    /// A value has the wrong JSON type.
    case wrongType(source: String, path: String, expected: String, found: String)
    /// A value is out of range or inconsistent with the rest of the spec.
    case invalidValue(source: String, path: String, reason: String)
    /// A value is not a date.
    case invalidDate(source: String, path: String, text: String)
    /// A range or list of values holds no value.
    case emptyRange(source: String, path: String)
    /// A range ends before it starts.
    case reversedRange(source: String, path: String, from: String, to: String)
    /// A range step is not positive.
    case nonPositiveStep(source: String, path: String, step: String)
    /// The grid has more configurations than allowed.
    case tooManyConfigurations(source: String, count: String, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let source, let reason):
            "\(source): \(reason)"
        case .unknownKey(let source, let path, let allowed):
            "\(source): \(path): unknown key; the keys here are \(allowed.joined(separator: ", "))"
        case .missingKey(let source, let path):
            "\(source): \(path): missing"
        case .wrongType(let source, let path, let expected, let found):
            "\(source): \(path): expected \(expected), found \(found)"
        case .invalidValue(let source, let path, let reason):
            "\(source): \(path): \(reason)"
        case .invalidDate(let source, let path, let text):
            "\(source): \(path): cannot read '\(text)' as a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
        case .emptyRange(let source, let path):
            "\(source): \(path): no values to sweep"
        case .reversedRange(let source, let path, let from, let to):
            "\(source): \(path): the range is reversed: 'to' (\(to)) is before 'from' (\(from))"
        case .nonPositiveStep(let source, let path, let step):
            "\(source): \(path): the step must be positive, got \(step)"
        case .tooManyConfigurations(let source, let count, let limit):
            "\(source): the grid has \(count) configurations, more than the limit of \(limit) (raise --max-configs or shrink the grid)"
        }
    }
}

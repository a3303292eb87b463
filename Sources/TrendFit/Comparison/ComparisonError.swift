/// Why two bootstrap results cannot be compared.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    /// The results have different problem counts, resample counts or coefficient strides.
    case shapeMismatch(reference: [Int], other: [Int])

    public var description: String {
        switch self {
        case .shapeMismatch(let reference, let other):
            "the results have different shapes (problems, resamples, coefficients): \(reference) vs \(other); run the same workload on both backends"
        }
    }
}

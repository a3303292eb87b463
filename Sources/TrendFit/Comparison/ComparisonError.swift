/// Why two bootstrap results cannot be compared.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    /// The results have different problem counts, resample counts or coefficient strides.
    case shapeMismatch(reference: [Int], other: [Int])
    /// Comparisons to combine cover different numbers of coefficient slots.
    case coefficientCountMismatch(Int, Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let reference, let other):
            "the results have different shapes (problems, resamples, coefficients): \(reference) vs \(other); run the same workload on both backends"
        case .coefficientCountMismatch(let first, let second):
            "the comparisons cover \(first) and \(second) coefficients; combine comparisons of one workload only"
        }
    }
}

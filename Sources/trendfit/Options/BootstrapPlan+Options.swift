import ArgumentParser
import TrendFit

extension BootstrapPlan {
    /// Checks the plan with the library's rules (`invalidSetting`); the first setting out of range
    /// is a usage error that names the option setting it.
    func validateOptions() throws {
        guard let (setting, reason) = invalidSetting else { return }
        let option = switch setting {
        case .resamples, .streamOffsets: "--resamples"
        case .jitter: "--jitter"
        case .grouping: "--\(grouping.rawValue) with --scheme \(scheme.rawValue)"
        case .minimumDistinctRows: "--min-distinct"
        }
        throw ValidationError("\(option): \(reason)")
    }
}

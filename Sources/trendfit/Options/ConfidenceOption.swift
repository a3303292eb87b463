import ArgumentParser
import TrendFit

/// Parsing and help of `--confidence level[,level…]`, shared by the commands that take it.
enum ConfidenceOption {
    /// The option's help.
    static let help = ArgumentHelp("Confidence level, or several comma-separated (one interval each; the first is the primary; default 0.95).",
                                   valueName: "level[,level…]")

    /// Parses the option's value, with a message that says what is wrong.
    @Sendable static func parse(_ text: String) throws -> ConfidenceLevels {
        do {
            return try ConfidenceLevels(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

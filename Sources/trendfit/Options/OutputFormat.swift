import ArgumentParser

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for a person.
    case table
    /// One JSON object (machine-readable; part of the interface contract).
    case json
    /// Comma-separated values with a header row.
    case csv
}

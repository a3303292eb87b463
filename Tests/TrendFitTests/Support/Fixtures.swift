import Foundation

/// Reads test fixtures copied from `shared/data` (see Fixtures/README.md).
enum Fixtures {
    /// The text of a fixture file.
    static func text(_ path: String) throws -> String {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
        return try String(contentsOf: url, encoding: .utf8)
    }
}

import Testing
import TrendFit

/// A backend under test, named for test output.
struct TestBackend: CustomTestStringConvertible, Sendable {
    let backend: any RegressionBackend
    var testDescription: String { backend.name }
}

/// The backends every engine test runs on.
enum TestBackends {
    static func all() -> [TestBackend] {
        [TestBackend(backend: CPUBackend())]
    }
}

/// Errors raised by the engine, each with a message a user can act on.
///
/// This is the one error type a `RegressionBackend` throws: a backend turns the failures of
/// its runtime (an OpenCL call, a kernel build) into `backendFailure` at its boundary. The
/// messages speak of the library's own terms, never of command-line flags; a command line
/// may add its flags when it renders them.
public enum TrendFitError: Error, Equatable, CustomStringConvertible {
    /// The data table is malformed.
    case invalidTable(String)
    /// Problem `index` of a batch cannot be fitted as given.
    case invalidProblem(index: Int, reason: String)
    /// A bootstrap plan or interval request is out of range.
    case invalidPlan(String)
    /// The backend cannot run this request (for example float-only device asked for double).
    case unsupported(String)
    /// The backend on `device` failed while running (a device error, out of memory); `reason`
    /// says what failed and what to try instead.
    case backendFailure(device: String, reason: String)
    /// A request would hold `needed` bytes for `what`, more than the memory limit of `limit` bytes.
    case memoryLimit(needed: Int, limit: Int, what: String)

    public var description: String {
        switch self {
        case .invalidTable(let reason): "invalid data table: \(reason)"
        case .invalidProblem(let index, let reason): "problem \(index): \(reason)"
        case .invalidPlan(let reason): "invalid bootstrap request: \(reason)"
        case .unsupported(let reason): "unsupported: \(reason)"
        case .backendFailure(let device, let reason): "backend failure on \(device): \(reason)"
        case .memoryLimit(let needed, let limit, let what):
            "\(what) would hold \(MemoryLimit.format(bytes: needed)), more than the memory limit of \(MemoryLimit.format(bytes: limit))"
        }
    }
}

/// Errors raised by the engine, each with a message a user can act on.
public enum TrendFitError: Error, Equatable, CustomStringConvertible {
    /// The data table is malformed.
    case invalidTable(String)
    /// Problem `index` of a batch cannot be fitted as given.
    case invalidProblem(index: Int, reason: String)
    /// A bootstrap plan or interval request is out of range.
    case invalidPlan(String)
    /// The backend cannot run this request (for example float-only device asked for double).
    case unsupported(String)
    /// A backend failed while running (device error, out of memory).
    case backendFailure(String)
    /// A request would hold `needed` bytes for `what`, more than the memory limit of `limit` bytes.
    case memoryLimit(needed: Int, limit: Int, what: String)

    public var description: String {
        switch self {
        case .invalidTable(let reason): "invalid data table: \(reason)"
        case .invalidProblem(let index, let reason): "problem \(index): \(reason)"
        case .invalidPlan(let reason): "invalid bootstrap request: \(reason)"
        case .unsupported(let reason): "unsupported: \(reason)"
        case .backendFailure(let reason): "backend failure: \(reason)"
        case .memoryLimit(let needed, let limit, let what):
            "\(what) would hold \(MemoryLimit.format(bytes: needed)), more than the memory limit of \(MemoryLimit.format(bytes: limit))"
        }
    }
}

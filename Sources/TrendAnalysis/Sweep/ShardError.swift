/// A shard that cannot be read or does not exist.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    /// Not `K/N`.
    case malformed(String)
    /// K is outside 1…N, or N < 1.
    case outOfRange(index: Int, count: Int)
    /// A Slurm variable is not a usable number.
    case badEnvironment(name: String, value: String)

    public var description: String {
        switch self {
        case .malformed(let text): "invalid shard '\(text)': expected K/N, e.g. 2/8 (K from 1 to N)"
        case .outOfRange(let index, let count): "invalid shard \(index)/\(count): K must be from 1 to N and N at least 1"
        case .badEnvironment(let name, let value): "invalid \(name) '\(value)' for a sweep shard"
        }
    }
}

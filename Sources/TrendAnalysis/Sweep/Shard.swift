/// A deterministic share of a sweep's configurations: shard K of N (K from 1 to N) holds the
/// configurations whose 0-based index i has i mod N = K − 1 (round robin, which spreads every
/// swept setting's values evenly over the shards).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// Which shard, from 1 to `count`.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The whole sweep as one shard.
    public static let whole = Shard(validIndex: 1, count: 1)

    private init(validIndex: Int, count: Int) {
        self.index = validIndex
        self.count = count
    }

    /// Shard `index` of `count`; throws unless 1 ≤ index ≤ count.
    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, (1...count).contains(index) else { throw .outOfRange(index: index, count: count) }
        self.init(validIndex: index, count: count)
    }

    /// Reads `K/N`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .malformed(text) }
        try self.init(index: index, count: count)
    }

    /// The shard a Slurm job array task runs, from `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`,
    /// `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_STEP` (default 1): K = (ID − MIN) / STEP + 1, so
    /// arrays numbered from 0 or from 1 both give shards 1…N. Nil outside a job array.
    public init?(slurmEnvironment environment: [String: String]) throws(ShardError) {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"], let countText = environment["SLURM_ARRAY_TASK_COUNT"] else {
            return nil
        }
        func number(_ name: String, _ text: String?) throws(ShardError) -> Int {
            guard let text, let value = Int(text) else { throw .badEnvironment(name: name, value: text ?? "(unset)") }
            return value
        }
        let id = try number("SLURM_ARRAY_TASK_ID", idText)
        let minimum = try number("SLURM_ARRAY_TASK_MIN", environment["SLURM_ARRAY_TASK_MIN"] ?? "0")
        let step = try number("SLURM_ARRAY_TASK_STEP", environment["SLURM_ARRAY_TASK_STEP"] ?? "1")
        guard step >= 1, id >= minimum, (id - minimum) % step == 0 else {
            throw .badEnvironment(name: "SLURM_ARRAY_TASK_ID", value: "\(id) (min \(minimum), step \(step))")
        }
        try self.init(index: (id - minimum) / step + 1, count: try number("SLURM_ARRAY_TASK_COUNT", countText))
    }

    /// Whether configuration `configuration` belongs to this shard.
    public func contains(_ configuration: Int) -> Bool {
        configuration % count == index - 1
    }

    /// The shard's configurations of a grid of `total`, in order.
    public func configurations(of total: Int) -> StrideTo<Int> {
        stride(from: index - 1, to: total, by: count)
    }

    /// Number of the shard's configurations in a grid of `total`.
    public func configurationCount(of total: Int) -> Int {
        total >= index ? (total - index) / count + 1 : 0
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}

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

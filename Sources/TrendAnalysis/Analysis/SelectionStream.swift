/// Bootstrap stream indices keyed by what a trend fits, so that two trends fitted to the same
/// systems in the same role draw the same resamples (common random numbers).
///
/// The key is the 64-bit FNV-1a hash of the trend's role (e.g. `era 1 large`: the second period's large-scale subset) and
/// of every selected system's identity in fitting order (name, publication date and value, as bit
/// patterns), folded to the engine's 31-bit stream range by xoring its halves. Whatever else a
/// configuration changes — thresholds that move no system, the jitter, the chunk, shard or device —
/// the stream stays the same. Two different selections collide with probability about 2⁻³¹; a
/// collision only makes their two trends draw correlated resamples, each remains a valid bootstrap.
public enum SelectionStream {
    /// The stream index of a trend in `role` fitted to `systems`, in `0...Int32.max`.
    public static func index(role: String, systems: some Sequence<ClassifiedSystem>) -> Int {
        var hash = FNV1a()
        hash.add(role)
        for system in systems {
            hash.add(0x1E)
            hash.add(system.system.name)
            hash.add(0x1F)
            hash.add(word: system.system.date.daysSinceEpoch.bitPattern)
            hash.add(word: system.system.value.bitPattern)
        }
        return Int((hash.value ^ (hash.value >> 32)) & 0x7FFF_FFFF)
    }

    /// The role of the era trend of period `period` (its position in the settings) and subset `subset`.
    public static func eraRole(period: Int, subset: Subset) -> String { "era \(period) \(subset.rawValue)" }

    /// The role of the domain trend of `domain` in period `period`.
    public static func domainRole(domain: String, period: Int) -> String { "domain \(period) \(domain)" }
}

import TrendFit

/// Systems a trend's case resamples draw together: strata or clusters of the systems that share a
/// publication date or a list of domains.
public struct SystemGroups: Sendable, Equatable {
    /// What makes systems one group.
    public enum Key: String, Sendable, CaseIterable {
        /// The publication date (a cluster: the systems published on one date move together).
        case date
        /// The list of domains the system gives, in sorted order (a system listing none is a group of its own kind).
        case domain
    }

    /// Strata or clusters (never `.none`).
    public let grouping: CaseGrouping
    /// What the groups share.
    public let key: Key

    /// Creates groups; `grouping` must be `.strata` or `.clusters`.
    public init(grouping: CaseGrouping, key: Key) {
        precondition(grouping != .none, "groups are strata or clusters")
        self.grouping = grouping
        self.key = key
    }

    /// Words for messages: `clustered by publication date`, `stratified by domain list` and the like.
    public var description: String {
        "\(grouping == .strata ? "stratified" : "clustered") by \(key == .date ? "publication date" : "domain list")"
    }

    /// The group labels of `systems` (a trend's systems in fitting order): the rank of each
    /// system's key among the distinct keys of the list, so the labels — and with them the
    /// resamples — depend on the trend's systems only, never on the rest of a batch.
    public func labels(of systems: some Collection<ClassifiedSystem>) -> [Int32] {
        switch key {
        case .date: Self.ranks(systems.map(\.system.date.daysSinceEpoch))
        case .domain: Self.ranks(systems.map { $0.system.domains.sorted().joined(separator: "\u{1F}") })
        }
    }

    private static func ranks<Value: Comparable & Hashable>(_ values: [Value]) -> [Int32] {
        let distinct = Set(values).sorted()
        let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        return values.map { rank[$0]! }
    }
}

extension ResultAgreement {
    /// The agreement of the replicates `self` compared together with those `other` compared: the
    /// counts add up and each largest difference is the larger of the two.
    ///
    /// Comparing replicates chunk by chunk and combining the chunks' agreements in any order gives
    /// what one comparison of all of them gives. Both must compare the same coefficient slots.
    public func combined(with other: ResultAgreement) throws(ComparisonError) -> ResultAgreement {
        guard statistics.map(\.coefficient) == other.statistics.map(\.coefficient) else {
            throw .coefficientCountMismatch(statistics.count, other.statistics.count)
        }
        return ResultAgreement(statusMismatches: statusMismatches + other.statusMismatches,
                               statistics: zip(statistics, other.statistics).map { a, b in
                                   Statistic(coefficient: a.coefficient, compared: a.compared + b.compared,
                                             bitwiseEqual: a.bitwiseEqual + b.bitwiseEqual,
                                             maxAbsoluteDifference: max(a.maxAbsoluteDifference, b.maxAbsoluteDifference),
                                             maxRelativeDifference: max(a.maxRelativeDifference, b.maxRelativeDifference))
                               })
    }

    private init(statusMismatches: Int, statistics: [Statistic]) {
        self.statusMismatches = statusMismatches
        self.statistics = statistics
    }
}

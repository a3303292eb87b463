import TrendFit

/// A short fingerprint of what determines a sweep's rows: the spec (as canonical JSON), every
/// system of the dataset (name, date, value, attributes) and the precision. Shards of one sweep
/// share it; merging refuses files whose fingerprints differ. The file path of the data is not
/// part of it, so shards may read copies of the data at different paths.
public enum SweepFingerprint {
    /// 16 hex digits of the 64-bit FNV-1a hash of the sweep's description.
    public static func of(spec: SweepSpec, dataset: Dataset, precision: Precision) -> String {
        var hash = FNV1a()
        hash.add("trendfit-sweep v\(SweepMetadata.version)\n\(spec.canonicalText)\n\(precision.rawValue)\n\(dataset.columns.value)\n")
        for system in dataset.systems {
            hash.add("\(system.name)\u{1F}\(system.date.daysSinceEpoch.bitPattern)\u{1F}\(system.value.bitPattern)\u{1F}")
            hash.add("\(system.domains)\u{1F}\(system.notabilityCriteria)\u{1F}\(system.confidence)\u{1F}\(system.organizationCategories)\n")
        }
        return hash.hex
    }
}

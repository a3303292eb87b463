/// The monotone unsigned image of a double: `key(a) < key(b)` exactly when `a < b` (NaN-free), with
/// −0 and +0 on one key as they compare equal. The histograms of streamed selection count keys.
enum OrderKey {
    /// The key of zero (either sign).
    static let zero: UInt64 = 1 << 63

    /// The key of a NaN-free `value`.
    @inline(__always)
    static func of(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        if value == 0 { return zero }
        return bits >> 63 == 0 ? bits | zero : ~bits
    }

    /// The double whose key is `key` (+0 for `zero`).
    static func value(of key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~zero : ~key)
    }
}

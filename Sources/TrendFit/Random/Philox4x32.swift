/// The Philox4x32-10 counter-based generator of Salmon et al. (SC'11, Random123).
///
/// A pure function of a 128-bit counter and a 64-bit key; `Kernels/philox.cl` implements the
/// same function, so device and host draw identical streams.
public enum Philox4x32 {
    /// Four 32-bit words: a counter or an output block.
    public typealias Block = (UInt32, UInt32, UInt32, UInt32)

    @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
    @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

    /// Applies `rounds` rounds (10 for Philox4x32-10) to `counter` under `key`.
    @inlinable @inline(__always)
    public static func generate(counter: Block, key: (UInt32, UInt32), rounds: Int = 10) -> Block {
        var c = counter
        var k0 = key.0
        var k1 = key.1
        for round in 0..<rounds {
            if round > 0 {
                k0 &+= weyl0
                k1 &+= weyl1
            }
            let product0 = UInt64(multiplier0) &* UInt64(c.0)
            let product1 = UInt64(multiplier1) &* UInt64(c.2)
            c = (UInt32(truncatingIfNeeded: product1 >> 32) ^ c.1 ^ k0,
                 UInt32(truncatingIfNeeded: product1),
                 UInt32(truncatingIfNeeded: product0 >> 32) ^ c.3 ^ k1,
                 UInt32(truncatingIfNeeded: product0))
        }
        return c
    }
}

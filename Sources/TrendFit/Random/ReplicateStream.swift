/// The random stream of one bootstrap replicate: a function of (seed, problem, replicate) only.
///
/// Counter words are `(block, replicate, problem, purpose)` and the key is the 64-bit seed, so
/// no state is carried between replicates and any chunking or thread order draws the same
/// numbers. Each Philox block yields four 32-bit words; draw `t` of a purpose uses word `t % 4`
/// of block `t / 4` (Rademacher signs use one bit each: 128 per block). `Kernels/philox.cl`
/// mirrors every function here.
public struct ReplicateStream: Sendable {
    /// What a stream of draws is for; each purpose has its own counter space.
    public enum Purpose: UInt32, Sendable, CaseIterable {
        /// Row indices of a case or residual resample.
        case rowIndex = 0
        /// Uniform jitter added to the response.
        case jitter = 1
        /// Rademacher signs of the wild bootstrap.
        case sign = 2
        /// Mammen or Webb multipliers of the wild bootstrap (one word per row).
        case wildWeight = 3
    }

    @usableFromInline let key: (UInt32, UInt32)
    @usableFromInline let problem: UInt32
    @usableFromInline let replicate: UInt32

    /// Creates the stream of replicate `replicate` of problem `problem` under `seed`.
    @inlinable
    public init(seed: UInt64, problem: Int, replicate: Int) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.problem = UInt32(truncatingIfNeeded: problem)
        self.replicate = UInt32(truncatingIfNeeded: replicate)
    }

    /// Philox block `block` of `purpose`.
    @inlinable @inline(__always)
    public func block(_ block: Int, purpose: Purpose) -> Philox4x32.Block {
        Philox4x32.generate(counter: (UInt32(truncatingIfNeeded: block), replicate, problem, purpose.rawValue), key: key)
    }

    /// Word `index % 4` of `block`.
    @inlinable @inline(__always)
    public static func word(_ block: Philox4x32.Block, _ index: Int) -> UInt32 {
        switch index & 3 {
        case 0: block.0
        case 1: block.1
        case 2: block.2
        default: block.3
        }
    }

    /// Maps a 32-bit word to `0..<count` by a multiply-shift (bias below count / 2³²).
    @inlinable @inline(__always)
    public static func index(_ word: UInt32, count: UInt32) -> Int {
        Int((UInt64(word) &* UInt64(count)) >> 32)
    }

    /// Maps a 32-bit word to a symmetric value in [−1, 1): `(w − 2³¹ + ½) / 2³¹`, exact in double.
    @inlinable @inline(__always)
    public static func symmetricUnit<Real: BinaryFloatingPoint>(_ word: UInt32) -> Real {
        let centred = Int32(bitPattern: word ^ 0x8000_0000)
        return (Real(centred) + Real(0.5)) * Real(0x1p-31)
    }
}

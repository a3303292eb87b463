/// The 64-bit Fowler–Noll–Vo 1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3), fed
/// byte by byte.
struct FNV1a: Sendable, Equatable {
    /// The hash of the bytes added so far.
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds one byte.
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }

    /// Adds the UTF-8 bytes of `text`.
    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
    }

    /// Adds the eight bytes of `word`, least significant first.
    mutating func add(word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// The value as 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

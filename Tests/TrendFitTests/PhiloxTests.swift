import Testing
import TrendFit

/// Philox4x32 against the Random123 known-answer vectors.
@Suite struct PhiloxTests {
    struct Vector: Sendable {
        let rounds: Int
        let counter: [UInt32]
        let key: [UInt32]
        let expected: [UInt32]
    }

    static func vectors() throws -> [Vector] {
        try Fixtures.text("random123-kat_vectors").split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.first == "philox4x32" else { return nil }
            let words = fields[2...].map { UInt32($0, radix: 16)! }
            return Vector(rounds: Int(fields[1])!, counter: Array(words[0..<4]), key: Array(words[4..<6]),
                          expected: Array(words[6..<10]))
        }
    }

    @Test func knownAnswerVectors() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 6)
        #expect(vectors.contains { $0.rounds == 10 })
        for vector in vectors {
            let c = vector.counter
            let output = Philox4x32.generate(counter: (c[0], c[1], c[2], c[3]), key: (vector.key[0], vector.key[1]),
                                             rounds: vector.rounds)
            #expect([output.0, output.1, output.2, output.3] == vector.expected, "rounds \(vector.rounds), counter \(c)")
        }
    }

    @Test func streamUsesSeedProblemAndReplicateAsKeyAndCounter() {
        let stream = ReplicateStream(seed: 0x0123_4567_89AB_CDEF, problem: 7, replicate: 11)
        let block = stream.block(3, purpose: .jitter)
        let direct = Philox4x32.generate(counter: (3, 11, 7, 1), key: (0x89AB_CDEF, 0x0123_4567))
        #expect([block.0, block.1, block.2, block.3] == [direct.0, direct.1, direct.2, direct.3])
    }

    @Test func drawMappingsStayInRange() {
        #expect(ReplicateStream.index(0, count: 10) == 0)
        #expect(ReplicateStream.index(.max, count: 10) == 9)
        let low: Double = ReplicateStream.symmetricUnit(0)
        let high: Double = ReplicateStream.symmetricUnit(.max)
        #expect(low > -1 && low < -0.999_999_999)
        #expect(high < 1 && high > 0.999_999_999)
        #expect(low == -high)
    }
}

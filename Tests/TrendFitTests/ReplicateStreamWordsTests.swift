import Testing
@testable import TrendFit

/// The vectorized word generator draws exactly the words of the block-by-block stream.
@Suite struct ReplicateStreamWordsTests {
    @Test(arguments: [1, 4, 5, 9, 12, 13, 25, 26, 32, 33, 64, 250])
    func wordsEqualBlocks(blockCount: Int) {
        let stream = ReplicateStream(seed: 0xFEED_5EED_0000_0001, problem: 7, replicate: 123_456)
        let capacity = ReplicateStream.wordCapacity(rows: 4 * blockCount)
        let words = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer { words.deallocate() }
        for purpose in [ReplicateStream.Purpose.rowIndex, .jitter, .sign] {
            stream.fillWords(words, blockCount: blockCount, purpose: purpose)
            for t in 0..<(4 * blockCount) {
                #expect(words[t] == ReplicateStream.word(stream.block(t / 4, purpose: purpose), t), "word \(t) of \(purpose)")
            }
        }
    }
}

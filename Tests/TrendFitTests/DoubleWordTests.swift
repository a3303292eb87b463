import Testing
@testable import TrendFit

/// Double-word arithmetic keeps what a double rounds away, in exactly known cases.
@Suite struct DoubleWordTests {
    @Test func sumsAndProductsAreExact() {
        let sum = DoubleWord.sum(1.0, 0x1p-60)
        #expect(sum.hi == 1 && sum.lo == 0x1p-60)
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰.
        let square = DoubleWord.product(1 + 0x1p-30, 1 + 0x1p-30)
        #expect(square.hi == 1 + 0x1p-29 && square.lo == 0x1p-60)
    }

    @Test func doubleWordOperationsKeepTheLowWord() {
        let x = DoubleWord.sum(1.0, 0x1p-60)
        // (1 + 2⁻⁶⁰)(1 + 2⁻⁶⁰) = 1 + 2⁻⁵⁹ + 2⁻¹²⁰: the last term is below the double-word's reach.
        let square = x * x
        #expect(square.hi == 1 && square.lo == 0x1p-59)
        let difference = (x + x * 3.0) - DoubleWord(4)
        #expect(difference.hi == 0x1p-58 && difference.lo == 0)
        let shifted = x + -1.0
        #expect(shifted.hi == 0x1p-60 && shifted.lo == 0)
    }

    @Test func floatWordsWorkTheSameWay() {
        let square = DoubleWord<Float>.product(1 + 0x1p-12, 1 + 0x1p-12)
        #expect(square.hi == 1 + 0x1p-11 && square.lo == 0x1p-24)
    }
}

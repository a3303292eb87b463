/// Prefix sums of a sequence of values and of their squares, in double-double (an unevaluated sum
/// `high + low` carrying about 106 bits), so that the mean and the population standard deviation of
/// any run of consecutive values take O(1) time and keep full double accuracy.
///
/// Squares enter exactly (`v·v` plus its rounding error, by a fused multiply-add), and the sum of
/// squared deviations is formed as `(Q − m·S) + m·(n·m − S)` with exact products, so the
/// cancellation that ruins the textbook `Q/n − m²` formula does not arise.
struct PrefixMoments {
    private var sumHigh: [Double]
    private var sumLow: [Double]
    private var squareHigh: [Double]
    private var squareLow: [Double]

    /// Accumulates `values`.
    init(_ values: [Double]) {
        let count = values.count + 1
        sumHigh = Array(repeating: 0, count: count)
        sumLow = sumHigh
        squareHigh = sumHigh
        squareLow = sumHigh
        var sum = (high: 0.0, low: 0.0)
        var squares = (high: 0.0, low: 0.0)
        for (index, value) in values.enumerated() {
            sum = Self.add(sum, value)
            let square = value * value
            squares = Self.add(Self.add(squares, square), (-square).addingProduct(value, value))
            (sumHigh[index + 1], sumLow[index + 1]) = sum
            (squareHigh[index + 1], squareLow[index + 1]) = squares
        }
    }

    /// Mean and population standard deviation of the values at `positions` (not empty).
    func moments(_ positions: Range<Int>) -> (mean: Double, deviation: Double) {
        let n = Double(positions.count)
        let (lower, upper) = (positions.lowerBound, positions.upperBound)
        let sum = Self.difference((sumHigh[upper], sumLow[upper]), (sumHigh[lower], sumLow[lower]))
        let squares = Self.difference((squareHigh[upper], squareLow[upper]), (squareHigh[lower], squareLow[lower]))
        let mean = (sum.high + sum.low) / n
        // Σ(v − m)² = (Q − m·S) + m·(n·m − S), with m·S_high and n·m − S_high formed exactly.
        let product = sum.high * mean
        let productError = (-product).addingProduct(sum.high, mean)
        let (head, headError) = Self.twoSum(squares.high, -product)
        let centred = head + (headError + squares.low - productError - mean * sum.low)
        let correction = mean * ((-sum.high).addingProduct(n, mean) - sum.low)
        return (mean, (max(0, centred + correction) / n).squareRoot())
    }

    /// `a + b` as a rounded sum and its exact rounding error (Knuth's TwoSum).
    private static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let sum = a + b
        let bVirtual = sum - a
        return (sum, (a - (sum - bVirtual)) + (b - bVirtual))
    }

    /// A double-double plus a double.
    private static func add(_ x: (high: Double, low: Double), _ value: Double) -> (high: Double, low: Double) {
        let (sum, error) = twoSum(x.high, value)
        return normalized(sum, error + x.low)
    }

    /// The difference of two double-doubles.
    private static func difference(_ x: (high: Double, low: Double), _ y: (high: Double, low: Double)) -> (high: Double, low: Double) {
        let (sum, error) = twoSum(x.high, -y.high)
        return normalized(sum, error + (x.low - y.low))
    }

    /// `high + low` with `low` below half an ulp of `high` (Fast2Sum).
    private static func normalized(_ high: Double, _ low: Double) -> (high: Double, low: Double) {
        let sum = high + low
        return (sum, low - (sum - high))
    }
}

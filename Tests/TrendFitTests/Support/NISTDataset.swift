import Foundation
import Testing
import TrendFit

/// A NIST StRD linear regression dataset with its certified values.
struct NISTDataset: CustomTestStringConvertible, Sendable {
    let name: String
    let table: DataTable
    let problem: RegressionProblem
    let certified: CertifiedFit

    var testDescription: String { name }

    /// Every dataset in the fixtures, with its model (Pontius and Wampler are polynomials in x).
    static func all() throws -> [NISTDataset] {
        let polynomialDegree = ["Pontius": 2, "Wampler1": 5, "Wampler2": 5, "Wampler3": 5]
        return try ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler1", "Wampler2", "Wampler3"].map { name in
            try NISTDataset(name: name, text: Fixtures.text("nist-strd/\(name).dat"), polynomialDegree: polynomialDegree[name])
        }
    }

    init(name: String, text: String, polynomialDegree: Int?) throws {
        self.name = name
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        func range(_ label: String) -> ClosedRange<Int> {
            let line = lines.first { $0.contains(label) && $0.contains("lines") }!
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return numbers[0]...numbers[1]
        }
        var coefficients: [Double] = []
        var errors: [Double] = []
        var residualSD = 0.0
        var rSquared = 0.0
        for line in lines[(range("Certified Values").lowerBound - 1)..<range("Certified Values").upperBound] {
            let fields = line.split(separator: " ").map(String.init)
            if let first = fields.first, first.hasPrefix("B"), fields.count == 3, let value = Double(fields[1]) {
                coefficients.append(value)
                errors.append(Double(fields[2])!)
            } else if line.contains("Standard Deviation"), let value = fields.last.flatMap(Double.init) {
                residualSD = value
            } else if line.contains("R-Squared"), let value = fields.last.flatMap(Double.init) {
                rSquared = value
            }
        }
        let data = lines[(range("Data").lowerBound - 1)..<range("Data").upperBound].map {
            $0.split(separator: " ").map { Double($0)! }
        }
        let y = data.map { $0[0] }
        var columns: [(name: String, values: [Double])] = [("y", y)]
        if let degree = polynomialDegree {
            let x = data.map { $0[1] }
            for power in 1...degree {
                columns.append(("x^\(power)", x.map { value in (0..<power).reduce(1.0) { product, _ in product * value } }))
            }
        } else {
            for column in 1..<data[0].count { columns.append(("x\(column)", data.map { $0[column] })) }
        }
        table = try DataTable(columns: columns)
        let hasIntercept = coefficients.count == columns.count
        problem = RegressionProblem(rows: (0..<Int32(y.count)).map { $0 }, response: 0,
                                    regressors: Array(1..<columns.count), hasIntercept: hasIntercept)
        certified = CertifiedFit(coefficients: coefficients, standardErrors: errors,
                                 residualStandardDeviation: residualSD, rSquared: rSquared)
    }
}

/// Number of correct significant digits of `value` against `certified` (the log relative error);
/// against a certified zero, the number of correct decimals.
func correctDigits(_ value: Double, _ certified: Double) -> Double {
    let error = abs(value - certified)
    if error == 0 { return 16 }
    return certified == 0 ? -log10(error) : -log10(error / abs(certified))
}

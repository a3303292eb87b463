import Foundation
import Testing
import TrendFit

/// An ill-conditioned polynomial least-squares problem with its exact solution, written by
/// `scripts/certify-ill-conditioned.py` (see that script for how the values are certified).
struct CertifiedProblem: CustomTestStringConvertible, Sendable {
    let name: String
    let table: DataTable
    let problem: RegressionProblem
    let certified: CertifiedFit
    /// The exact fitted values ŷ, one per row.
    let fittedValues: [Double]

    var testDescription: String { name }

    /// Every problem in `Fixtures/ill-conditioned`.
    static func all() throws -> [CertifiedProblem] {
        try ["FilipLike", "Degree10Shifted", "Degree8Weighted", "DatesDegree4", "Offset1000Degree4", "Offset1000NoIntercept"]
            .map { try CertifiedProblem(name: $0) }
    }

    private struct File: Decodable {
        struct Certified: Decodable {
            let coefficients: [String]
            let standardErrors: [String]
            let residualStandardDeviation: String
            let rSquared: String
            let fittedValues: [String]
        }
        let intercept: Bool
        let y: [String]
        let regressors: [[String]]
        let weights: [String]?
        let certified: Certified
    }

    init(name: String) throws {
        self.name = name
        let file = try JSONDecoder().decode(File.self, from: Data(try Fixtures.text("ill-conditioned/\(name).json").utf8))
        func numbers(_ texts: [String]) -> [Double] { texts.map { Double($0)! } }
        var columns: [(name: String, values: [Double])] = [("y", numbers(file.y))]
        for (power, column) in file.regressors.enumerated() { columns.append(("x^\(power + 1)", numbers(column))) }
        if let weights = file.weights { columns.append(("w", numbers(weights))) }
        table = try DataTable(columns: columns)
        problem = RegressionProblem(rows: (0..<Int32(file.y.count)).map { $0 }, response: 0,
                                    regressors: Array(1...file.regressors.count), hasIntercept: file.intercept,
                                    weights: file.weights == nil ? nil : file.regressors.count + 1)
        certified = CertifiedFit(coefficients: numbers(file.certified.coefficients),
                                 standardErrors: numbers(file.certified.standardErrors),
                                 residualStandardDeviation: Double(file.certified.residualStandardDeviation)!,
                                 rSquared: Double(file.certified.rSquared)!)
        fittedValues = numbers(file.certified.fittedValues)
    }
}

import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit

/// `trendfit fit`: one least-squares fit of a CSV file's columns.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fit", abstract: "Fit a linear model to columns of a CSV file.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var backend: BackendOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: MemoryLimitOption.fitHelp, transform: MemoryLimitOption.parse)
    var memoryLimit = MemoryLimit.standard

    /// The JSON shape of a fit (part of the command-line contract).
    struct Report: Encodable {
        struct Coefficient: Encodable {
            let term: String
            let estimate: Double
            let standardError: Double
        }
        let n: Int
        let coefficients: [Coefficient]
        let residualStandardError: Double
        let rSquared: Double?
        let backend: String
        let device: String
        let precision: String
    }

    func run() throws {
        try OutputPathCheck.check(outputs: [], inputs: [model.file])
        let engine = try backend.makeBackend(memoryLimit: memoryLimit)
        let fit = try MemoryLimitOption.explainingRefusal { try model.loadAndFit(on: engine, precision: backend.precision).fit }
        let report = Report(
            n: fit.n,
            coefficients: zip(model.terms, zip(fit.coefficients, fit.standardErrors)).map {
                .init(term: $0, estimate: $1.0, standardError: $1.1)
            },
            residualStandardError: fit.residualStandardError, rSquared: fit.rSquared,
            backend: engine.name, device: engine.deviceName, precision: backend.precision.rawValue)
        switch format {
        case .json:
            print(try JSONText.encode(report))
        case .csv:
            print(Table(titles: ["term", "estimate", "standardError"],
                        rows: report.coefficients.map { [.text($0.term), .number($0.estimate), .number($0.standardError)] })
                .csvLines().joined(separator: "\n"))
        case .table:
            print(Table(titles: ["term", "estimate", "std. error"],
                        textRows: report.coefficients.map { [$0.term, Self.number($0.estimate), Self.number($0.standardError)] })
                .textLines(ruled: false).joined(separator: "\n"))
            print("n = \(fit.n), residual standard error = \(Self.number(fit.residualStandardError)), R² = \(fit.rSquared.map(Self.number) ?? "undefined (constant response)")")
            print("backend: \(engine.name), \(engine.deviceName), \(backend.precision.rawValue) precision")
        }
    }

    /// Fifteen significant digits.
    static func number(_ value: Double) -> String { String(format: "%.15g", value) }
}

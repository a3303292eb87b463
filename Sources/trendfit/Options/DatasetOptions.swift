import ArgumentParser
import TrendAnalysis

/// Which CSV columns hold the names, dates, values and domains of the systems.
struct DatasetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Column holding system names.", valueName: "column"))
    var nameColumn = "Model"
    @Option(help: ArgumentHelp("Column holding publication dates.", valueName: "column"))
    var dateColumn = "Publication date"
    @Option(help: ArgumentHelp("Column holding the values to fit (logged; values ≤ 0 are reported and left out).", valueName: "column"))
    var valueColumn = "Training compute (FLOP)"
    @Option(help: ArgumentHelp("Column holding comma-separated domains.", valueName: "column"))
    var domainColumn = "Domain"

    /// Reads the CSV file at `path`, or the embedded ml-systems.csv when `path` is nil.
    func load(_ path: String?) throws -> Dataset {
        let loader = DatasetLoader(columns: ColumnMapping(name: nameColumn, date: dateColumn, value: valueColumn, domain: domainColumn))
        return try path.map(loader.load(path:)) ?? loader.loadEmbedded()
    }
}

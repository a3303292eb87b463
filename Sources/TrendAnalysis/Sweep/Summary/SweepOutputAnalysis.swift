/// The summary and plot of a whole sweep built from its output lines (e.g. as `merge` writes them),
/// the same as the sweep builds them from its rows: rows are added in the same order, a
/// configuration at a time, and read back exactly (`SweepRowReader`).
public struct SweepOutputAnalysis: Sendable {
    /// The summary of the rows read so far (complete after `finish`).
    public private(set) var summary: SweepSummary
    /// The plot of the rows read so far, when one is drawn.
    public private(set) var plot: SweepPlot?
    private let spec: SweepSpec
    private let fingerprint: String
    private let name: String
    private var reader: SweepRowReader?
    private var lineNumber = 0
    /// Rows of the configuration being read, not yet added to the summary.
    private var pending: [SweepRow] = []
    /// The first configuration not yet added to the summary.
    private var nextConfiguration = 0

    /// An analysis of the output of `spec`'s whole sweep, which must carry `fingerprint`; `name`
    /// names the output in errors (`file:line`).
    public init(spec: SweepSpec, fingerprint: String, plot: SweepPlot?, name: String) {
        self.spec = spec
        self.fingerprint = fingerprint
        self.plot = plot
        self.name = name
        summary = SweepSummary(spec: spec)
    }

    /// Reads the next line: the metadata line, the CSV header, a row or the trailer (which `merge` checks).
    public mutating func add(line: String) throws(ShardMergeError) {
        lineNumber += 1
        guard var reader else {
            guard let (metadata, format) = SweepMetadata.parse(line) else { throw .notSweepOutput(file: name) }
            guard metadata.fingerprint == fingerprint else {
                throw .badRow(file: name, line: lineNumber, reason: "fingerprint \(metadata.fingerprint) is not \(fingerprint), the "
                              + "fingerprint of the spec with its data and precision: give the sweep's --spec, --data and --precision")
            }
            guard metadata.shard == .whole, metadata.configurations == spec.grid.count else {
                throw .badRow(file: name, line: lineNumber, reason: "holds shard \(metadata.shard) of \(metadata.configurations) "
                              + "configurations, not the whole sweep of \(spec.grid.count)")
            }
            self.reader = SweepRowReader(spec: spec, format: format)
            return
        }
        if reader.table.format == .csv && lineNumber == 2 {
            guard line == reader.table.columns.joined(separator: ",") else {
                throw .badRow(file: name, line: lineNumber, reason: "the header is not that of the spec's sweep")
            }
            return
        }
        if SweepTrailer.parse(line, format: reader.table.format) != nil { return }
        let row = try reader.row(line, file: name, lineNumber: lineNumber)
        self.reader = reader
        if let last = pending.last?.configuration, last != row.configuration { flushPending() }
        guard row.configuration >= nextConfiguration else {
            throw .badRow(file: name, line: lineNumber, reason: "configuration \(row.configuration) comes after \(nextConfiguration)")
        }
        addEmptyConfigurations(upTo: row.configuration)
        pending.append(row)
        plot?.add([row])
    }

    /// Adds the last configurations; throws when no metadata line was read.
    public mutating func finish() throws(ShardMergeError) {
        guard reader != nil else { throw .notSweepOutput(file: name) }
        flushPending()
        addEmptyConfigurations(upTo: spec.grid.count)
    }

    private mutating func flushPending() {
        guard let configuration = pending.first?.configuration else { return }
        summary.add(pending, configurations: [configuration])
        pending.removeAll()
        nextConfiguration = configuration + 1
    }

    /// Adds the configurations before `end` that have no rows.
    private mutating func addEmptyConfigurations(upTo end: Int) {
        guard nextConfiguration < end else { return }
        summary.add([], configurations: Array(nextConfiguration..<end))
        nextConfiguration = end
    }
}

/// Everything that defines a breakpoint search besides the data and the backend.
public struct BreakpointSettings: Sendable {
    /// Data window applied before anything else.
    public var window: DateRange
    /// Filters applied with the window.
    public var filter: SystemFilter
    /// Outlier and large-scale classification.
    public var classifier: ScaleClassifier
    /// N of the top-N frontier subset.
    public var frontierTop: Int
    /// Subsets searched, each on its own.
    public var subsets: [Subset]
    /// Candidate break dates, in increasing order.
    public var candidates: [CalendarDate]
    /// Fewest systems a candidate needs strictly before it and strictly after it.
    public var minimumEachSide: Int
    /// Date and rate conventions.
    public var conventions: TimeConventions
    /// Bootstrap settings.
    public var bootstrap: BootstrapSettings

    /// The default of `minimumEachSide`.
    public static let defaultMinimumEachSide = 5
    /// The default limit on the number of candidate dates.
    public static let defaultMaxCandidates = 2000

    /// Creates settings; the candidates are the dates from `from` through `to` every `step`, at most `maxCandidates` of them.
    public init(window: DateRange = .unbounded, filter: SystemFilter = SystemFilter(), classifier: ScaleClassifier = .standard,
                frontierTop: Int = 10, subsets: [Subset] = [.all], from: CalendarDate, to: CalendarDate, step: DateStep,
                minimumEachSide: Int = defaultMinimumEachSide, maxCandidates: Int = defaultMaxCandidates,
                conventions: TimeConventions = .standard, bootstrap: BootstrapSettings = .standard) throws(AnalysisError) {
        guard !window.isEmpty else { throw .invalidSetting(name: "data window", reason: "\(window) holds no date") }
        guard !subsets.isEmpty else { throw .invalidSetting(name: "subsets", reason: "at least one is needed") }
        guard frontierTop >= 1 else {
            throw .invalidSetting(name: "frontier size", reason: "must be at least 1, got \(frontierTop)")
        }
        guard from <= to else {
            throw .invalidSetting(name: "candidate range", reason: "--to \(to) is before --from \(from)")
        }
        guard minimumEachSide >= 2 else {
            throw .invalidSetting(name: "minimum systems each side", reason: "must be at least 2, got \(minimumEachSide)")
        }
        self.window = window
        self.filter = filter
        self.classifier = classifier
        self.frontierTop = frontierTop
        self.subsets = subsets
        guard maxCandidates >= 1 else {
            throw .invalidSetting(name: "candidate limit", reason: "--max-candidates must be at least 1, got \(maxCandidates)")
        }
        let candidates = step.dates(from: from, through: to, limit: maxCandidates == .max ? .max : maxCandidates + 1)
        guard candidates.count <= maxCandidates else {
            throw .invalidSetting(name: "candidate dates", reason: "\(from) to \(to) every \(step) gives more than \(maxCandidates) "
                                  + "candidates, the limit (raise --max-candidates, or use a coarser --step or a shorter range)")
        }
        self.candidates = candidates
        self.minimumEachSide = minimumEachSide
        self.conventions = conventions
        self.bootstrap = bootstrap
    }
}

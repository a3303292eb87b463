import Foundation
import Testing
@testable import TrendAnalysis
import TrendFit

/// Strata and clusters of systems in era analyses, comparisons and sweeps.
@Suite struct SystemGroupsTests {
    /// Systems of `sweepDataset` with every third one moved onto its predecessor's date, so dates repeat.
    static let sharedDates: Dataset = {
        var systems = sweepDataset.systems
        for index in stride(from: 1, to: systems.count, by: 3) { systems[index].date = systems[index - 1].date }
        return Dataset(source: "shared dates", systems: systems)
    }()

    @Test func labelsRankTheKeysOfTheTrendsOwnSystems() throws {
        let systems = try Selection(dataset: Self.sharedDates, classifier: .standard, frontierTop: 10).systems
        let byDate = SystemGroups(grouping: .clusters, key: .date).labels(of: systems[10..<20])
        let dates = systems[10..<20].map(\.system.date)
        for i in 0..<10 {
            for j in 0..<10 { #expect((byDate[i] == byDate[j]) == (dates[i] == dates[j])) }
        }
        #expect(Set(byDate) == Set((0..<Int32(Set(dates).count)).map { $0 }))
        let byDomain = SystemGroups(grouping: .strata, key: .domain).labels(of: systems[0..<12])
        #expect(Set(byDomain).count == 2)
        #expect(zip(byDomain, systems[0..<12]).allSatisfy { ($0 == 0) == ($1.system.domains == ["Language"]) })
    }

    @Test(arguments: [CaseGrouping.strata, .clusters])
    func eraRowsDrawTheEnginesGroupedResamples(_ grouping: CaseGrouping) throws {
        let groups = SystemGroups(grouping: grouping, key: grouping == .strata ? .domain : .date)
        let bootstrap = try BootstrapSettings(resamples: 150, seed: 4, groups: groups)
        let period = Period(name: "All", range: .unbounded)
        let settings = try AnalysisSettings(periods: [period], subsets: [.all], bootstrap: bootstrap)
        let report = try EraAnalysis(settings: settings).run(on: Self.sharedDates, backend: CPUBackend(), precision: .double)
        let estimate = try #require(report.rows.first?.estimate)
        // The reference problem, labelled here: equal keys, equal labels, in the keys' order.
        let systems = report.selection.systems.filter { $0.scale != .outlier }
        let keys = systems.map { grouping == .strata ? ($0.system.domains.first == "Language" ? 0 : 1)
                                                      : $0.system.date.daysSinceEpoch }
        let sortedKeys = Array(Set(keys)).sorted()
        let labels = keys.map { Int32(sortedKeys.firstIndex(of: $0)!) }
        let members = report.selection.systems.indices.filter { report.selection.systems[$0].scale != .outlier }
        let table = try DataTable(columns: [(name: "x", values: report.selection.systems.map { TimeConventions.standard.year(of: $0.system.date) }),
                                            (name: "y", values: report.selection.systems.map(\.log10Value))])
        let problem = RegressionProblem(rows: members.map { Int32($0) }, response: 1, regressors: [0],
                                        streamIndex: SelectionStream.index(role: "era 0 all", systems: systems), groups: labels)
        let replicates = try CPUBackend().bootstrap(ProblemBatch(table: table, problems: [problem]),
                                                    plan: BootstrapPlan(resamples: 150, seed: 4, minimumDistinctRows: 3,
                                                                        grouping: grouping), precision: .double)
        #expect(estimate.replicateSlopes == replicates.values(problem: 0, coefficient: 1))
        let plain = try EraAnalysis(settings: AnalysisSettings(periods: [period], subsets: [.all],
                                                               bootstrap: BootstrapSettings(resamples: 150, seed: 4)))
            .run(on: Self.sharedDates, backend: CPUBackend(), precision: .double)
        #expect(plain.rows[0].estimate?.replicateSlopes != estimate.replicateSlopes)
        #expect(EraTableFormatter.format(report).contains(", \(groups.description),"))
    }

    @Test func sweepSpecsTakeStrataOrClusters() throws {
        let spec = try sweepSpec(#"{"subsets": ["all"], "resamples": 80, "seed": 3, "clusters": "date", "compare": ["Deep Learning Era,Large-Scale Era"]}"#)
        #expect(spec.bootstrap.groups == SystemGroups(grouping: .clusters, key: .date))
        #expect(sweepSpecError(#"{"strata": "domain", "clusters": "date"}"#)?.description.contains("not both") == true)
        #expect(sweepSpecError(#"{"clusters": "month"}"#)?.description.contains("unknown key 'month'") == true)
        let rows = try SweepRunner(spec: spec, dataset: embeddedDataset, precision: .double).rows(of: [0], on: CPUBackend())
        let settings = try AnalysisSettings(subsets: [.all], bootstrap: spec.bootstrap, comparisons: spec.comparisons)
        let report = try EraAnalysis(settings: settings).run(on: embeddedDataset, backend: CPUBackend(), precision: .double)
        let trendRows = rows.filter { $0.comparison == nil }
        #expect(trendRows.map { TrendRowCells.cells($0.trend) } == report.rows.map(TrendRowCells.cells))
        #expect(rows.compactMap(\.comparison).map(\.result.estimate) == report.comparisons.map(\.estimate))
        #expect(report.comparisons[0].isJoint && report.comparisons[0].estimate != nil)
    }
}

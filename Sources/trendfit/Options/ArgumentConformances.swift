import ArgumentParser
import TrendAnalysis
import TrendFit
import TrendFitOpenCL

extension Precision: ExpressibleByArgument {}
extension BootstrapScheme: ExpressibleByArgument {}
extension CaseGrouping: ExpressibleByArgument {}
extension WildWeights: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}
extension Subset: ExpressibleByArgument {}
extension SweepOutputFormat: ExpressibleByArgument {}
extension SystemGroups.Key: ExpressibleByArgument {}
extension BackendSelection.Choice: ExpressibleByArgument {}

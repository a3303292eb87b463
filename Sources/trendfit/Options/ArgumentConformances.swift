import ArgumentParser
import TrendAnalysis
import TrendFit

extension Precision: ExpressibleByArgument {}
extension BootstrapScheme: ExpressibleByArgument {}
extension WildWeights: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}
extension Subset: ExpressibleByArgument {}
extension SweepOutputFormat: ExpressibleByArgument {}
extension SystemGroups.Key: ExpressibleByArgument {}

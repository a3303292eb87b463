import ArgumentParser
import TrendFit

extension Precision: ExpressibleByArgument {}
extension BootstrapScheme: ExpressibleByArgument {}
extension IntervalMethod: ExpressibleByArgument {}

/// A backend that can measure the arithmetic peak of its device.
public protocol PeakRateMeasuring {
    /// Floating-point operations per second the device reaches in `precision`, measured for about `seconds`.
    func measurePeakFlops(_ precision: Precision, seconds: Double) throws -> Double
}

extension CPUBackend: PeakRateMeasuring {
    public func measurePeakFlops(_ precision: Precision, seconds: Double) throws -> Double {
        CPUPeakRate.measure(precision, seconds: seconds, threads: threads)
    }
}

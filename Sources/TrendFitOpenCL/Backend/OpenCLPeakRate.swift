import TrendFit

extension OpenCLBackend: PeakRateMeasuring {
    /// Measures the device's arithmetic peak with `Kernels/peak.cl`, in flops per second.
    ///
    /// Launches 2048 work-items per compute unit, each running eight chains of unfused
    /// multiply-adds on 4-wide vectors; the loop count doubles until a launch lasts a quarter of
    /// `seconds`, then the launch is scaled to `seconds` and timed.
    public func measurePeakFlops(_ precision: Precision, seconds: Double) throws -> Double {
        guard supports(precision) else {
            throw TrendFitError.unsupported("\(device.name) has no double precision (cl_khr_fp64)")
        }
        do {
            return try peakFlops(precision, seconds: seconds)
        } catch {
            throw error.backendFailure(on: device, while: "measuring the arithmetic peak")
        }
    }

    /// The measurement of `measurePeakFlops`, its OpenCL failures as they are.
    private func peakFlops(_ precision: Precision, seconds: Double) throws(OpenCLError) -> Double {
        let isDouble = precision == .double
        let source = String(decoding: PackageResources.peak_cl, as: UTF8.self)
        let program = try OpenCLProgram(context, source: source, options: "-D USE_DOUBLE=\(isDouble ? 1 : 0)")
        let kernel = try OpenCLKernel(program, name: "peak_multiply_add")
        let workItems = max(1, device.computeUnits) * 2048
        let sink = try OpenCLBuffer(context, byteCount: workItems * (isDouble ? 8 : 4))
        if isDouble {
            try kernel.setArgument(1, value: 0.999_999 as Double)
            try kernel.setArgument(2, value: 0.000_001 as Double)
        } else {
            try kernel.setArgument(1, value: 0.999_999 as Float)
            try kernel.setArgument(2, value: 0.000_001 as Float)
        }
        try kernel.setArgument(3, sink)
        func launch(_ iterations: Int) throws(OpenCLError) -> Double {
            try kernel.setArgument(0, value: Int32(iterations))
            let clock = ContinuousClock()
            let start = clock.now
            try kernel.launch(context, count: workItems, groupSize: nil)
            try context.finish()
            return start.duration(to: clock.now).inSeconds
        }
        var iterations = 16
        var elapsed = try launch(iterations)
        while elapsed < seconds / 4 && iterations < Int(Int32.max) / 2 {
            iterations *= 2
            elapsed = try launch(iterations)
        }
        iterations = min(Int(Int32.max), max(1, Int(Double(iterations) * seconds / elapsed)))
        elapsed = try launch(iterations)
        return Double(workItems) * Double(iterations) * 8 * 4 * 2 / elapsed
    }
}

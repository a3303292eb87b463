import TrendFit

extension OpenCLBackend: DevicePassReading {
    /// Double precision on a device with fp64: the summary kernels then repeat the host's
    /// operations exactly, so the summaries are bitwise the host's.
    package func readsPassesOnDevice(_ precision: Precision) -> Bool {
        precision == .double && device.supportsDouble
    }

    /// The GPU kernel form's devices (GPUs, accelerators): their replicates would cross a bus to
    /// reach the host. A CPU device's replicates are read back by a copy in the same memory, and a
    /// second pass to draw them again costs more than that.
    package var prefersPassesOnDevice: Bool { kernelForm == .gpu }

    package func devicePassReader(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision,
                                  replicatesPerLaunch: Int) throws(TrendFitError) -> any StreamedPassReader {
        precondition(readsPassesOnDevice(precision), "device summaries need double precision on an fp64 device")
        return try DevicePassReader(backend: self, prepared: PreparedBootstrap<Double>(batch, plan: plan),
                                    replicatesPerLaunch: replicatesPerLaunch)
    }

    /// How the summary kernels read replicates in the backend's kernel form.
    package var summaryShape: SummaryKernelShape { SummaryKernelShape(kernelForm, maxWorkGroupSize: device.maxWorkGroupSize) }

    /// Kernel `name` of the summary program (`Kernels/summary.cl`), built once.
    func summaryKernel(_ name: String) throws(OpenCLError) -> OpenCLKernel {
        if let summaryProgram { return try OpenCLKernel(summaryProgram, name: name) }
        let built = try OpenCLProgram(context, source: KernelSource.summaryText,
                                      options: KernelSource.summaryOptions + " " + summaryShape.buildOptions)
        summaryProgram = built
        return try OpenCLKernel(built, name: name)
    }
}

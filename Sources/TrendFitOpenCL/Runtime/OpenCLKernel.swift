import COpenCL

/// A kernel of a built program, with typed argument setters and a 1-D launch.
final class OpenCLKernel {
    let kernel: cl_kernel
    private let name: String
    private let program: OpenCLProgram

    /// Looks up kernel `name` in `program`.
    init(_ program: OpenCLProgram, name: String) throws(OpenCLError) {
        var status: cl_int = 0
        guard let kernel = clCreateKernel(program.program, name, &status) else {
            throw .call("clCreateKernel(\(name))", code: status)
        }
        self.kernel = kernel
        self.name = name
        self.program = program
    }

    deinit {
        clReleaseKernel(kernel)
    }

    /// Sets argument `index` to a buffer.
    func setArgument(_ index: Int, _ buffer: OpenCLBuffer) throws(OpenCLError) {
        var memory: cl_mem? = buffer.memory
        try OpenCLError.check(clSetKernelArg(kernel, cl_uint(index), MemoryLayout<cl_mem>.size, &memory),
                              "clSetKernelArg(\(name), \(index))")
    }

    /// Sets argument `index` to a plain value (an integer, float, double or vector of them).
    func setArgument<T>(_ index: Int, value: T) throws(OpenCLError) {
        var copy = value
        try OpenCLError.check(clSetKernelArg(kernel, cl_uint(index), MemoryLayout<T>.size, &copy),
                              "clSetKernelArg(\(name), \(index))")
    }

    /// Launches `count` work-items (rounded up to a multiple of `groupSize` when one is given).
    func launch(_ context: OpenCLContext, count: Int, groupSize: Int?) throws(OpenCLError) {
        guard count > 0 else { return }
        try enqueue(context, count: count, groupSize: groupSize, event: nil)
    }

    /// Launches `count` (at least one) work-items like `launch` and returns the launch's
    /// completion event, for reads on the transfer queue to wait for.
    func launchWithEvent(_ context: OpenCLContext, count: Int, groupSize: Int?) throws(OpenCLError) -> OpenCLEvent {
        precondition(count > 0, "a launch with an event runs at least one work-item")
        var event: cl_event?
        try enqueue(context, count: count, groupSize: groupSize, event: &event)
        guard let event else { throw .call("clEnqueueNDRangeKernel(\(name)) (no event)", code: CL_INVALID_EVENT) }
        return OpenCLEvent(event)
    }

    private func enqueue(_ context: OpenCLContext, count: Int, groupSize: Int?,
                         event: UnsafeMutablePointer<cl_event?>?) throws(OpenCLError) {
        var local = groupSize ?? 0
        var global = groupSize.map { (count + $0 - 1) / $0 * $0 } ?? count
        let status = withUnsafePointer(to: &local) { localPointer in
            clEnqueueNDRangeKernel(context.queue, kernel, 1, nil, &global, groupSize == nil ? nil : localPointer, 0, nil, event)
        }
        try OpenCLError.check(status, "clEnqueueNDRangeKernel(\(name), \(global) work-items)")
    }
}

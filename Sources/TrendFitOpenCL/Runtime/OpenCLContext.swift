import COpenCL

/// An OpenCL context on one device with two in-order command queues: `queue` for kernels and
/// writes, `transferQueue` for reads back that overlap the kernels after the one they wait for.
final class OpenCLContext {
    let device: OpenCLDevice
    let context: cl_context
    let queue: cl_command_queue
    let transferQueue: cl_command_queue

    /// Creates a context and a queue on `device`.
    init(device: OpenCLDevice) throws(OpenCLError) {
        self.device = device
        var status: cl_int = 0
        var deviceID: cl_device_id? = device.id
        guard let context = clCreateContext(nil, 1, &deviceID, nil, nil, &status) else {
            throw .call("clCreateContext", code: status)
        }
        guard let queue = clCreateCommandQueue(context, device.id, 0, &status) else {
            clReleaseContext(context)
            throw .call("clCreateCommandQueue", code: status)
        }
        guard let transferQueue = clCreateCommandQueue(context, device.id, 0, &status) else {
            clReleaseCommandQueue(queue)
            clReleaseContext(context)
            throw .call("clCreateCommandQueue (transfers)", code: status)
        }
        self.context = context
        self.queue = queue
        self.transferQueue = transferQueue
    }

    deinit {
        clReleaseCommandQueue(transferQueue)
        clReleaseCommandQueue(queue)
        clReleaseContext(context)
    }

    /// Submits the kernel queue's commands to the device, as a command of the transfer queue
    /// waiting for one of them requires.
    func flush() throws(OpenCLError) {
        try OpenCLError.check(clFlush(queue), "clFlush")
    }

    /// Blocks until every queued command of both queues has finished.
    func finish() throws(OpenCLError) {
        try OpenCLError.check(clFinish(queue), "clFinish")
        try OpenCLError.check(clFinish(transferQueue), "clFinish (transfers)")
    }
}

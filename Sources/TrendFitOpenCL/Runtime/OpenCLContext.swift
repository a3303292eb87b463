import COpenCL

/// An OpenCL context and in-order command queue on one device.
final class OpenCLContext {
    let device: OpenCLDevice
    let context: cl_context
    let queue: cl_command_queue

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
        self.context = context
        self.queue = queue
    }

    deinit {
        clReleaseCommandQueue(queue)
        clReleaseContext(context)
    }

    /// Blocks until every queued command has finished.
    func finish() throws(OpenCLError) {
        try OpenCLError.check(clFinish(queue), "clFinish")
    }
}

import COpenCL

/// A device buffer, released when the object goes away.
final class OpenCLBuffer {
    let memory: cl_mem
    /// The bytes allocated.
    let byteCount: Int

    /// Allocates `byteCount` bytes (at least one) on the context's device.
    init(_ context: OpenCLContext, byteCount: Int, flags: cl_mem_flags = cl_mem_flags(CL_MEM_READ_WRITE)) throws(OpenCLError) {
        var status: cl_int = 0
        let size = max(byteCount, 1)
        guard let memory = clCreateBuffer(context.context, flags, size, nil, &status) else {
            throw .call("clCreateBuffer(\(size) bytes)", code: status)
        }
        self.memory = memory
        self.byteCount = size
    }

    /// Allocates a read-only buffer holding a copy of `values`.
    convenience init<T>(_ context: OpenCLContext, copying values: [T]) throws(OpenCLError) {
        try self.init(context, byteCount: values.count * MemoryLayout<T>.stride, flags: cl_mem_flags(CL_MEM_READ_ONLY))
        if !values.isEmpty { try write(values, context: context) }
    }

    /// Allocates a buffer kernels may write, starting as a copy of `values`.
    convenience init<T>(_ context: OpenCLContext, startingWith values: [T]) throws(OpenCLError) {
        try self.init(context, byteCount: values.count * MemoryLayout<T>.stride)
        if !values.isEmpty { try write(values, context: context) }
    }

    deinit {
        clReleaseMemObject(memory)
    }

    /// Copies `values` into the buffer (blocking).
    func write<T>(_ values: [T], context: OpenCLContext) throws(OpenCLError) {
        let status = values.withUnsafeBytes { bytes in
            clEnqueueWriteBuffer(context.queue, memory, cl_bool(CL_TRUE), 0, bytes.count, bytes.baseAddress, 0, nil, nil)
        }
        try OpenCLError.check(status, "clEnqueueWriteBuffer")
    }

    /// Copies the first `count` elements of the buffer into `destination` starting at `offset` (blocking).
    func read<T>(into destination: inout [T], offset: Int, count: Int, context: OpenCLContext) throws(OpenCLError) {
        guard count > 0 else { return }
        let status = destination.withUnsafeMutableBytes { bytes in
            clEnqueueReadBuffer(context.queue, memory, cl_bool(CL_TRUE), 0, count * MemoryLayout<T>.stride,
                                bytes.baseAddress! + offset * MemoryLayout<T>.stride, 0, nil, nil)
        }
        try OpenCLError.check(status, "clEnqueueReadBuffer")
    }

    /// Starts copying the buffer's first `byteCount` bytes (at least one) to `destination` on the
    /// transfer queue once `written` (the kernel that wrote them) has completed, without waiting;
    /// `destination` must stay allocated until the returned event has completed.
    func enqueueRead(into destination: UnsafeMutableRawPointer, byteCount: Int, after written: OpenCLEvent,
                     context: OpenCLContext) throws(OpenCLError) -> OpenCLEvent {
        var event: cl_event?
        var waitFor: cl_event? = written.event
        let status = clEnqueueReadBuffer(context.transferQueue, memory, cl_bool(CL_FALSE), 0, byteCount, destination,
                                         1, &waitFor, &event)
        try OpenCLError.check(status, "clEnqueueReadBuffer(\(byteCount) bytes, non-blocking)")
        guard let event else { throw .call("clEnqueueReadBuffer (no event)", code: CL_INVALID_EVENT) }
        return OpenCLEvent(event)
    }
}

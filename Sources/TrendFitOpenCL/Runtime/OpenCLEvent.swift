import COpenCL

/// The completion event of one enqueued command, released when the object goes away.
final class OpenCLEvent {
    let event: cl_event

    /// Takes ownership of `event` (one reference, released in deinit).
    init(_ event: cl_event) {
        self.event = event
    }

    deinit {
        clReleaseEvent(event)
    }

    /// Blocks until the command has finished; throws if it failed.
    func wait() throws(OpenCLError) {
        var handle: cl_event? = event
        try OpenCLError.check(clWaitForEvents(1, &handle), "clWaitForEvents")
    }
}

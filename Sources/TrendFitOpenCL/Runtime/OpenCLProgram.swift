import COpenCL

/// A built OpenCL program; a failed build throws with the compiler's log.
final class OpenCLProgram {
    let program: cl_program

    /// Compiles `source` for the context's device with `options`.
    init(_ context: OpenCLContext, source: String, options: String) throws(OpenCLError) {
        var status: cl_int = 0
        let created: cl_program? = source.withCString { pointer in
            var sourcePointer: UnsafePointer<CChar>? = pointer
            return clCreateProgramWithSource(context.context, 1, &sourcePointer, nil, &status)
        }
        guard let program = created else { throw .call("clCreateProgramWithSource", code: status) }
        self.program = program
        var deviceID: cl_device_id? = context.device.id
        let built = clBuildProgram(program, 1, &deviceID, options, nil, nil)
        if built == CL_BUILD_PROGRAM_FAILURE {
            throw .buildFailed(device: context.device.name, log: buildLog(context.device))
        }
        try OpenCLError.check(built, "clBuildProgram")
    }

    deinit {
        clReleaseProgram(program)
    }

    private func buildLog(_ device: OpenCLDevice) -> String {
        var size = 0
        clGetProgramBuildInfo(program, device.id, cl_program_build_info(CL_PROGRAM_BUILD_LOG), 0, nil, &size)
        var bytes = Array<CChar>(repeating: 0, count: size + 1)
        clGetProgramBuildInfo(program, device.id, cl_program_build_info(CL_PROGRAM_BUILD_LOG), size, &bytes, nil)
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

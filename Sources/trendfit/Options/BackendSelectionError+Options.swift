import TrendFitOpenCL

extension BackendSelectionError {
    /// Runs `open`, turning a selection error into a failure that names `option`, the flag that
    /// selected the device, and says what to do.
    static func naming<T>(_ option: String, _ open: () throws -> T) throws -> T {
        do {
            return try open()
        } catch let error as BackendSelectionError {
            switch error {
            case .noSuchDevice(let index, let count):
                throw CommandFailure("\(option) \(index) does not exist: there are \(count) OpenCL devices (see 'trendfit devices')")
            case .unsupportedPrecision:
                throw CommandFailure("\(error): use --precision float" + (option == "--devices" ? " or leave it out of --devices" : ""))
            }
        }
    }
}

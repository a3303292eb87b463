import TrendFit

/// Why a `BackendSelection` cannot open what was asked for.
public enum BackendSelectionError: Error, Equatable, CustomStringConvertible {
    /// No OpenCL device has this index.
    case noSuchDevice(index: Int, deviceCount: Int)
    /// A selected device cannot run work in this precision.
    case unsupportedPrecision(device: String, precision: Precision)

    public var description: String {
        switch self {
        case .noSuchDevice(let index, let count):
            "OpenCL device \(index) does not exist: there are \(count) OpenCL device\(count == 1 ? "" : "s")"
        case .unsupportedPrecision(let device, let precision):
            "\(device) has no \(precision.rawValue) precision"
        }
    }
}

extension KernelABI {
    /// The slots of a problem descriptor (`PackedBatch.descriptors`, `KernelABI.descriptorStride` per problem).
    public enum DescriptorSlot: Int, Sendable, KernelCode {
        /// First position of the problem's rows in `PackedBatch.rowIndices` (and in the centred design).
        case rowStart = 0
        /// Number of rows.
        case rowCount = 1
        /// Response column.
        case response = 2
        /// Weight column, or −1 for none.
        case weights = 3
        /// Whether the model has an intercept (0 or 1).
        case intercept = 4
        /// Number of regressors, q.
        case regressorCount = 5
        /// Bootstrap stream index, or −1 for the plan's first problem plus the problem's index.
        case stream = 6
        /// The first of q regressor columns.
        case regressors = 7

        public var kernelName: String {
            switch self {
            case .rowStart: "D_ROW_START"
            case .rowCount: "D_ROW_COUNT"
            case .response: "D_RESPONSE"
            case .weights: "D_WEIGHTS"
            case .intercept: "D_INTERCEPT"
            case .regressorCount: "D_REGRESSOR_COUNT"
            case .stream: "D_STREAM"
            case .regressors: "D_REGRESSORS"
            }
        }

        public var kernelValue: Int { rawValue }
    }
}

extension UnsafePointer<Int32> {
    /// Slot `slot` of the problem descriptor this pointer addresses.
    @inline(__always)
    subscript(slot slot: KernelABI.DescriptorSlot) -> Int { Int(self[slot.rawValue]) }
}

extension KernelABI {
    /// The integers `summary_read_replicates` keeps per coefficient (`SUMMARY_COUNT_STRIDE` of them).
    public enum SummaryCountSlot: Int, Sendable, KernelCode {
        /// Valid values.
        case count = 0
        /// Position of the first NaN among them, −1 for none.
        case firstNaN = 1
        /// Values below the estimate.
        case below = 2
        /// Values equal to the estimate.
        case ties = 3
        /// Studentized pivots formed.
        case pivotCount = 4
        /// Unscaled values beyond double's range (batches `BatchScaling` scaled).
        case beyondRange = 5

        public var kernelName: String {
            switch self {
            case .count: "SUMMARY_COUNT"
            case .firstNaN: "SUMMARY_FIRST_NAN"
            case .below: "SUMMARY_BELOW"
            case .ties: "SUMMARY_TIES"
            case .pivotCount: "SUMMARY_PIVOT_COUNT"
            case .beyondRange: "SUMMARY_BEYOND_RANGE"
            }
        }

        public var kernelValue: Int { rawValue }
    }

    /// The doubles `summary_read_replicates` keeps per coefficient (`SUMMARY_SUM_STRIDE` of them).
    public enum SummarySumSlot: Int, Sendable, KernelCode {
        /// Sum of the values in replicate order.
        case sum = 0
        /// Sum of squared deviations from the mean in replicate order.
        case squares = 1
        /// Largest finite magnitude of the unscaled values.
        case largest = 2
        /// Largest finite magnitude of their standard errors.
        case largestError = 3

        public var kernelName: String {
            switch self {
            case .sum: "SUMMARY_SUM"
            case .squares: "SUMMARY_SQUARES"
            case .largest: "SUMMARY_LARGEST"
            case .largestError: "SUMMARY_LARGEST_ERROR"
            }
        }

        public var kernelValue: Int { rawValue }
    }

    /// The 64-bit slots describing one key range a summary pass reads (`SUMMARY_GROUP_STRIDE` of them).
    public enum SummaryGroupSlot: Int, Sendable, KernelCode {
        /// 2j for coefficient j's values, 2j + 1 for its pivots.
        case stream = 0
        /// The `SummaryAction`.
        case action = 1
        /// The range's lowest and highest keys.
        case low = 2
        case high = 3
        /// A key's bin is (key − low) >> shift (bin 0 from 64 on).
        case shift = 4
        /// The group's first bin, gathered value or zero index.
        case offset = 5
        /// Its bins, values to gather or zero indices.
        case capacity = 6

        public var kernelName: String {
            switch self {
            case .stream: "SUMMARY_GROUP_STREAM"
            case .action: "SUMMARY_GROUP_ACTION"
            case .low: "SUMMARY_GROUP_LOW"
            case .high: "SUMMARY_GROUP_HIGH"
            case .shift: "SUMMARY_GROUP_SHIFT"
            case .offset: "SUMMARY_GROUP_OFFSET"
            case .capacity: "SUMMARY_GROUP_CAPACITY"
            }
        }

        public var kernelValue: Int { rawValue }
    }

    /// What a summary pass does with the values of one key range (`StreamedOrderStatistics.PlannedAction`).
    public enum SummaryAction: Int, Sendable, KernelCode {
        /// Counts the keys in bins.
        case countKeys = 0
        /// Keeps the values in replicate order.
        case gather = 1
        /// Keeps the zeros at given positions among the stream's zeros.
        case zeroSigns = 2

        public var kernelName: String {
            switch self {
            case .countKeys: "SUMMARY_COUNT_KEYS"
            case .gather: "SUMMARY_GATHER"
            case .zeroSigns: "SUMMARY_ZERO_SIGNS"
            }
        }

        public var kernelValue: Int { rawValue }
    }

    /// The constants of the summary kernels (`Kernels/summary.cl`).
    static var summaryConstants: [Constant] {
        named(SummaryCountSlot.self) + [Constant(name: "SUMMARY_COUNT_STRIDE", value: SummaryCountSlot.allCases.count)]
            + named(SummarySumSlot.self) + [Constant(name: "SUMMARY_SUM_STRIDE", value: SummarySumSlot.allCases.count)]
            + named(SummaryGroupSlot.self) + [Constant(name: "SUMMARY_GROUP_STRIDE", value: SummaryGroupSlot.allCases.count)]
            + named(SummaryAction.self) + [Constant(name: "SUMMARY_STATUS_COUNT", value: ReplicateStatus.allCases.count)]
    }
}

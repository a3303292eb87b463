extension KernelABI {
    /// The integers a fit writes per problem (`FIT_COUNT_STRIDE` of them, in `fit_problems`' `counts`).
    public enum FitCountSlot: Int, Sendable, KernelCode {
        /// Rows of positive weight.
        case positiveRows = 0
        /// The `FitStatus`.
        case status = 1

        public var kernelName: String {
            switch self {
            case .positiveRows: "FIT_POSITIVE_ROWS"
            case .status: "FIT_STATUS"
            }
        }

        public var kernelValue: Int { rawValue }
    }

    /// The reals a fit writes per problem (`FIT_STATISTIC_STRIDE` of them, in `fit_problems`' `statistics`).
    public enum FitStatisticSlot: Int, Sendable, KernelCode {
        /// Residual standard error.
        case residualStandardError = 0
        /// R², NaN when the response is constant.
        case rSquared = 1

        public var kernelName: String {
            switch self {
            case .residualStandardError: "FIT_RESIDUAL_STANDARD_ERROR"
            case .rSquared: "FIT_R_SQUARED"
            }
        }

        public var kernelValue: Int { rawValue }
    }
}

// The statuses and draw choices the kernels and the host exchange as integers (`KernelABI.constants`).

extension FitStatus: KernelCode {
    public var kernelName: String {
        switch self {
        case .ok: "STATUS_OK"
        case .rankDeficient: "STATUS_RANK_DEFICIENT"
        case .tooFewRows: "STATUS_TOO_FEW_ROWS"
        }
    }

    public var kernelValue: Int { Int(rawValue) }
}

extension ReplicateStatus: KernelCode {
    public var kernelName: String {
        switch self {
        case .ok: "REPLICATE_OK"
        case .rankDeficient: "REPLICATE_RANK_DEFICIENT"
        case .tooFewDistinctRows: "REPLICATE_TOO_FEW_DISTINCT"
        }
    }

    public var kernelValue: Int { Int(rawValue) }
}

extension BootstrapScheme: KernelCode {
    public var kernelName: String {
        switch self {
        case .cases: "SCHEME_CASES"
        case .residuals: "SCHEME_RESIDUALS"
        case .wild: "SCHEME_WILD"
        }
    }

    public var kernelValue: Int {
        switch self {
        case .cases: 0
        case .residuals: 1
        case .wild: 2
        }
    }
}

extension WildWeights: KernelCode {
    public var kernelName: String {
        switch self {
        case .rademacher: "WILD_RADEMACHER"
        case .mammen: "WILD_MAMMEN"
        case .webb: "WILD_WEBB"
        }
    }

    public var kernelValue: Int {
        switch self {
        case .rademacher: 0
        case .mammen: 1
        case .webb: 2
        }
    }
}

extension CaseGrouping: KernelCode {
    public var kernelName: String {
        switch self {
        case .none: "GROUPING_NONE"
        case .strata: "GROUPING_STRATA"
        case .clusters: "GROUPING_CLUSTERS"
        }
    }

    public var kernelValue: Int {
        switch self {
        case .none: 0
        case .strata: 1
        case .clusters: 2
        }
    }
}

extension ReplicateStream.Purpose: KernelCode {
    public var kernelName: String {
        switch self {
        case .rowIndex: "PURPOSE_ROW_INDEX"
        case .jitter: "PURPOSE_JITTER"
        case .sign: "PURPOSE_SIGN"
        case .wildWeight: "PURPOSE_WILD_WEIGHT"
        }
    }

    public var kernelValue: Int { Int(rawValue) }
}

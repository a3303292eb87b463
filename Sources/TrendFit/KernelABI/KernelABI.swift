/// The contract between the host and the kernels: descriptor slots, output slots, status and
/// draw codes, and strides, written once.
///
/// The OpenCL backend passes every `constants` entry to the compiler as `-D NAME=VALUE`, so
/// `Kernels/*.cl` read these names (each file keeps an `#ifndef` default, equal to the value here,
/// so it also compiles alone); the Swift loops read the same slots and codes through this type, and
/// `Sources/CVectorized/include/CVectorized.h` repeats the replicate statuses as `TRENDFIT_` + name
/// (tests check both the defaults and the header against this list).
public enum KernelABI {
    /// One named integer of the contract: a macro of `Kernels/*.cl` and its value.
    public struct Constant: Sendable, Equatable {
        /// The macro's name.
        public let name: String
        /// Its value.
        public let value: Int
    }

    /// Int32 slots per problem descriptor: the fixed slots, then room for every regressor column.
    public static let descriptorStride = DescriptorSlot.regressors.rawValue + ProblemBatch.maxCoefficients

    /// Real slots per problem of the centring shifts: one per regressor, then the response.
    public static let shiftStride = ProblemBatch.maxCoefficients + 1

    /// Int32 slots per problem of a fit's counts (`FitCountSlot`).
    public static let fitCountStride = FitCountSlot.allCases.count

    /// Real slots per problem of a fit's statistics (`FitStatisticSlot`).
    public static let fitStatisticStride = FitStatisticSlot.allCases.count

    /// The design stride of problems with at most one regressor, (x, y) pairs: the only one the
    /// four-replicate paths (`bootstrap_replicates4`, `ReplicateSolver.runInterleaved`) read.
    public static let pairDesignStride = 2

    /// Values per position of the centred design for problems `width` wide (regressors plus
    /// response): the smallest power of two, at least `pairDesignStride`, that holds them, so a
    /// position is one aligned vector.
    public static func designStride(forWidth width: Int) -> Int {
        var stride = pairDesignStride
        while stride < width { stride *= 2 }
        return stride
    }

    /// Every constant of the contract, as the kernels' build options define them.
    public static var constants: [Constant] {
        named(DescriptorSlot.self)
            + [Constant(name: "DESCRIPTOR_STRIDE", value: descriptorStride), Constant(name: "SHIFT_STRIDE", value: shiftStride)]
            + named(FitCountSlot.self) + [Constant(name: "FIT_COUNT_STRIDE", value: fitCountStride)]
            + named(FitStatisticSlot.self) + [Constant(name: "FIT_STATISTIC_STRIDE", value: fitStatisticStride)]
            + named(FitStatus.self) + named(ReplicateStatus.self) + named(BootstrapScheme.self) + named(WildWeights.self)
            + named(CaseGrouping.self) + named(ReplicateStream.Purpose.self) + summaryConstants
    }

    /// The constants of every case of `type`.
    static func named<Code: KernelCode>(_ type: Code.Type) -> [Constant] {
        Code.allCases.map { Constant(name: $0.kernelName, value: $0.kernelValue) }
    }
}

/// A value the kernels know by a named integer (a `KernelABI` constant).
public protocol KernelCode: CaseIterable {
    /// The macro that names the value in `Kernels/*.cl`.
    var kernelName: String { get }
    /// The integer the kernels and the host exchange for it.
    var kernelValue: Int { get }
}

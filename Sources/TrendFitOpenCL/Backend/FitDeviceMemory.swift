import TrendFit

/// The device memory of a fit's launches, which `OpenCLBackend.memoryLimitBytes` bounds, and the
/// launches that keep within it.
///
/// The table is uploaded once; each launch over consecutive problems holds their descriptors (each
/// problem's row start rebased to the launch's rows), their row indices (a contiguous run, as
/// `PackedBatch` concatenates them in problem order), the four outputs and, in the GPU form, the
/// state between the phase kernels (`KernelSpecialization.fitStateStride` reals per problem). The
/// kernels only index by problem within a launch, so fits in several launches are bitwise one launch's.
struct FitDeviceMemory {
    /// A launch: its problems and the positions of their rows in `PackedBatch.rowIndices`.
    struct Launch: Equatable {
        /// The launch's problems, in batch order.
        let problems: Range<Int>
        /// Their rows in the batch's row indices.
        let rows: Range<Int>

        /// The launch's descriptors in `packed`, each row start counted from the launch's first row.
        func descriptors(of packed: PackedBatch) -> [Int32] {
            let stride = KernelABI.descriptorStride
            var descriptors = Array(packed.descriptors[(problems.lowerBound * stride)..<(problems.upperBound * stride)])
            for k in 0..<problems.count { descriptors[k * stride + KernelABI.DescriptorSlot.rowStart.rawValue] -= Int32(rows.lowerBound) }
            return descriptors
        }

        /// The launch's row indices in `packed`.
        func rowIndices(of packed: PackedBatch) -> [Int32] {
            Array(packed.rowIndices[rows])
        }
    }

    /// Bytes of the table buffer.
    let tableBytes: Int
    /// Bytes each problem of a launch takes besides its rows: its descriptor, coefficients, standard
    /// errors, statistics, counts and, in the GPU form, its state.
    let bytesPerProblem: Int
    /// Problems a launch is made of whole: one, or in the GPU form one work-group's (`fitProblemsPerGroup`).
    let problemsPerUnit: Int
    /// Most problems a launch may hold for the kernels' 32-bit indexing by problem.
    let maxProblemsPerLaunch: Int
    /// Where each problem's rows start in the row indices, then their total (problemCount + 1 entries).
    private let rowStarts: [Int]

    /// The footprint of `prepared`'s fit in the kernel form of `specialization`.
    init<Real: KernelScalar>(_ prepared: PreparedBatch<Real>, specialization: KernelSpecialization) {
        let packed = prepared.packed
        let scalarBytes = MemoryLayout<Real>.stride
        let stride = max(packed.coefficientStride, 1)
        let stateStride = specialization.problemGroupSize == nil ? 0 : specialization.fitStateStride
        tableBytes = max(1, prepared.table.count * scalarBytes)
        bytesPerProblem = KernelABI.descriptorStride * MemoryLayout<Int32>.stride
            + (2 * stride + KernelABI.fitStatisticStride + stateStride) * scalarBytes
            + KernelABI.fitCountStride * MemoryLayout<Int32>.stride
        problemsPerUnit = specialization.problemGroupSize == nil ? 1 : specialization.fitProblemsPerGroup
        // The GPU form's gram launch numbers its work-items by entry: (q + 1)(q + 2) per problem.
        let gramItems = specialization.problemGroupSize == nil ? 1
            : (specialization.kernelRegressors + 1) * specialization.fitGramEntriesPerColumn
        let widestIndex = max(stride, stateStride, gramItems, KernelABI.descriptorStride, KernelABI.fitStatisticStride,
                              KernelABI.fitCountStride)
        maxProblemsPerLaunch = max(problemsPerUnit, Int(Int32.max) / widestIndex / problemsPerUnit * problemsPerUnit)
        rowStarts = (0..<packed.problemCount).map {
            Int(packed.descriptors[$0 * KernelABI.descriptorStride + KernelABI.DescriptorSlot.rowStart.rawValue])
        } + [packed.rowIndices.count]
    }

    /// Problems of the batch.
    var problemCount: Int { rowStarts.count - 1 }

    /// Bytes a launch over `problems` holds on the device, the table included.
    func bytes(_ problems: Range<Int>) -> Int {
        tableBytes + problems.count * bytesPerProblem + max(1, rowStarts[problems.upperBound] - rowStarts[problems.lowerBound])
            * MemoryLayout<Int32>.stride
    }

    /// Consecutive launches over every problem, each of as many whole units as keep `bytes` within
    /// `limit`, or nil where a unit alone exceeds it.
    func launches(within limit: Int) -> [Launch]? {
        var launches: [Launch] = []
        var first = 0
        while first < problemCount {
            var end = min(first + problemsPerUnit, problemCount)
            guard bytes(first..<end) <= limit else { return nil }
            while end < problemCount {
                let next = min(end + problemsPerUnit, problemCount)
                guard next - first <= maxProblemsPerLaunch, bytes(first..<next) <= limit else { break }
                end = next
            }
            launches.append(Launch(problems: first..<end, rows: rowStarts[first]..<rowStarts[end]))
            first = end
        }
        return launches
    }

    /// Bytes of the largest unit's launch: the least limit every launch fits within.
    var minimumBytes: Int {
        Swift.stride(from: 0, to: problemCount, by: problemsPerUnit)
            .map { bytes($0..<min($0 + problemsPerUnit, problemCount)) }.max() ?? tableBytes
    }
}

import Testing
import TestSupport
import TrendFit
@testable import TrendFitOpenCL

/// `--memory-limit` on the OpenCL fit (`FitDeviceMemory`): the table and one launch's problems stay
/// within the limit, fits in several launches are bitwise one launch's and the CPU backend's in both
/// kernel forms, and a fit whose table and smallest launch exceed the limit is refused before any
/// work on the device.
@Suite struct FitDeviceMemoryTests {
    /// The fit shapes of the agreement tests (200 problems: not a multiple of the GPU form's problems
    /// per work-group for q = 2, 3, 4) with mixed intercepts, weights, float and rank-deficient problems.
    static let shapes = [0, 4, 6, 8].map { BackendAgreementTests.fitShapes[$0] }

    /// The footprint of `batch`'s fit on `backend`, in the kernel form and precision it runs.
    static func memory(_ batch: ProblemBatch, precision: Precision, on backend: OpenCLBackend) -> FitDeviceMemory {
        func memory<Real: KernelScalar>(_ prepared: PreparedBatch<Real>) -> FitDeviceMemory {
            FitDeviceMemory(prepared, specialization: .fit(prepared.packed, precision: precision,
                                                           wideLaneProducts: backend.wideLaneProducts, form: backend.kernelForm))
        }
        return precision == .double ? memory(PreparedBatch<Double>(batch)) : memory(PreparedBatch<Float>(batch))
    }

    /// How many fits of `fits` differ from `reference`'s in any bit (NaNs and signed zeros included),
    /// or differ in number.
    static func differing(_ fits: [FitResult], from reference: [FitResult]) -> Int {
        func bits(_ fit: FitResult) -> [UInt64] {
            [UInt64(fit.status.rawValue), UInt64(fit.n), fit.residualStandardError.bitPattern, fit.rSquared.map(\.bitPattern) ?? 1]
                + fit.coefficients.map(\.bitPattern) + fit.standardErrors.map(\.bitPattern)
        }
        return zip(fits, reference).filter { bits($0) != bits($1) }.count + abs(fits.count - reference.count)
    }

    @Test(.requiresOpenCL, arguments: shapes, TestBackends.formsOnDevices)
    func fitsInSeveralLaunchesAreOneLaunchsAndTheCPUBackends(_ shape: BackendAgreementTests.FitShape,
                                                             on target: TestDeviceForm) throws {
        let batch = try shape.batch()
        let whole = try OpenCLBackend(device: target.device.device, kernelForm: target.form)
        let single = try whole.fit(batch, precision: shape.precision)
        #expect(whole.lastFitLaunches.count == 1)
        let memory = Self.memory(batch, precision: shape.precision, on: whole)
        let all = memory.bytes(0..<batch.problems.count)
        // A limit leaving about a quarter of all problems' buffers beside the table: four launches or more.
        let limit = memory.tableBytes + (all - memory.tableBytes) / 4
        let split = try OpenCLBackend(device: target.device.device, memoryLimitBytes: limit, workGroupSize: 8, kernelForm: target.form)
        let fits = try split.fit(batch, precision: shape.precision)
        let launches = split.lastFitLaunches
        #expect(launches.count >= 3, "\(launches.count) launches")
        #expect(launches.map(\.problems.lowerBound) == [0] + launches.dropLast().map(\.problems.upperBound))
        #expect(launches.last?.problems.upperBound == batch.problems.count)
        for launch in launches {
            #expect(memory.bytes(launch.problems) <= limit)
            if launch != launches.last {
                // Whole work-groups in the GPU form, and no room for another one.
                #expect(launch.problems.count % memory.problemsPerUnit == 0)
                let grown = launch.problems.lowerBound..<min(launch.problems.upperBound + memory.problemsPerUnit, batch.problems.count)
                #expect(memory.bytes(grown) > limit)
            }
        }
        #expect(target.form == .cpu || memory.problemsPerUnit > 1)
        #expect(Self.differing(fits, from: single) == 0)
        #expect(Self.differing(fits, from: try CPUBackend().fit(batch, precision: shape.precision)) == 0)
    }

    /// Each launch's row indices are the run its problems name, its descriptors the batch's with the
    /// row start counted from the launch's first row, and its bytes within the limit.
    @Test func launchesCarryTheirProblemsRowsAndDescriptors() throws {
        let batch = try BackendAgreementTests.fitShapes[2].batch()
        let prepared = PreparedBatch<Double>(batch)
        let specialization = KernelSpecialization.fit(prepared.packed, precision: .double, wideLaneProducts: false, form: .cpu)
        let memory = FitDeviceMemory(prepared, specialization: specialization)
        // Room for about four problems of up to 40 rows beside the table.
        let limit = memory.tableBytes + 4 * (memory.bytesPerProblem + 40 * MemoryLayout<Int32>.stride)
        let launches = try #require(memory.launches(within: limit))
        #expect(launches.count >= 40, "\(launches.count) launches")
        let stride = KernelABI.descriptorStride, rowStart = KernelABI.DescriptorSlot.rowStart.rawValue
        let rowCount = KernelABI.DescriptorSlot.rowCount.rawValue
        for launch in launches {
            #expect(memory.bytes(launch.problems) <= limit)
            let rows = launch.rowIndices(of: prepared.packed)
            let descriptors = launch.descriptors(of: prepared.packed)
            #expect(descriptors.count == launch.problems.count * stride)
            for (offset, k) in launch.problems.enumerated() {
                let start = Int(descriptors[offset * stride + rowStart]), count = Int(descriptors[offset * stride + rowCount])
                #expect(Array(rows[start..<(start + count)]) == batch.problems[k].rows)
                for slot in 0..<stride where slot != rowStart {
                    #expect(descriptors[offset * stride + slot] == prepared.packed.descriptors[k * stride + slot])
                }
            }
        }
    }

    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func aFitBeyondTheLimitIsRefusedBeforeAnyWork(on target: TestDeviceForm) throws {
        let batch = try BackendAgreementTests.fitShapes[4].batch()
        let probe = try OpenCLBackend(device: target.device.device, kernelForm: target.form)
        let memory = Self.memory(batch, precision: .double, on: probe)
        let limit = memory.minimumBytes - 1
        let tight = try OpenCLBackend(device: target.device.device, memoryLimitBytes: limit, kernelForm: target.form)
        let unit = target.form == .gpu ? "one work-group's" : "one problem's"
        #expect {
            _ = try tight.fit(batch, precision: .double)
        } throws: { error in
            guard case TrendFitError.memoryLimit(let needed, let refusedLimit, let what) = error else { return false }
            return needed == memory.minimumBytes && refusedLimit == limit
                && what.hasSuffix("for fitting 200 problems (the table, and \(unit) rows, descriptors and results)")
        }
        #expect(tight.programs.isEmpty && tight.lastFitLaunches.isEmpty, "no kernel was built or launched")
        // One byte more and it runs, in launches of one unit each at most where they are largest.
        let exact = try OpenCLBackend(device: target.device.device, memoryLimitBytes: limit + 1, kernelForm: target.form)
        #expect(Self.differing(try exact.fit(batch, precision: .double), from: try CPUBackend().fit(batch, precision: .double)) == 0)
        #expect(exact.lastFitLaunches.count > 1)
    }
}

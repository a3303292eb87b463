import Foundation
import Testing
import TestSupport
import TrendFit
@testable import TrendFitOpenCL

/// `OpenCLBackend.bootstrapChunks`: every chunk drawn in one pipelined launch sequence, bitwise the
/// chunks of one `bootstrap` call, in both kernel forms (on the simulator, in a child process:
/// `SimulatorAgreementTests.chunkedBootstrapIsTheCPUBackends`).
@Suite struct ChunkPipelineTests {
    /// Chunk sizes against B: not a multiple of it, larger than it, and many small ones.
    struct Chunking: Sendable, CustomTestStringConvertible {
        let resamples: Int
        let perChunk: Int
        var standardErrors = false
        var precision = Precision.double
        var testDescription: String { "B=\(resamples) chunks of \(perChunk)\(standardErrors ? " SE" : "") \(precision)" }
    }

    static let chunkings = [
        Chunking(resamples: 100, perChunk: 30), Chunking(resamples: 40, perChunk: 500), Chunking(resamples: 37, perChunk: 1),
        Chunking(resamples: 61, perChunk: 16, standardErrors: true), Chunking(resamples: 50, perChunk: 7, precision: .float),
    ]

    static let batch = Result { try RandomBatches.make(rowCount: 120, regressorCount: 1, problemCount: 3, rowsPerProblem: 8...40, seed: 17) }

    /// The replicates' bit patterns, NaNs included.
    static func bits(_ replicates: BootstrapReplicates) -> [[UInt64]] {
        [replicates.coefficients, replicates.standardErrors, replicates.residualSumsOfSquares].map { $0.map(\.bitPattern) }
            + [replicates.statuses.map { UInt64($0) }]
    }

    /// Chunks of `backend` against one `bootstrap` call of it: the same replicates, in chunks of the
    /// asked size handed over in order with the resamples before each.
    static func expectChunksEqualOneCall(_ backend: OpenCLBackend, _ chunking: Chunking) throws {
        let batch = try Self.batch.get()
        let plan = BootstrapPlan(resamples: chunking.resamples, seed: 23, jitter: 0.1, replicateStandardErrors: chunking.standardErrors)
        let whole = try backend.bootstrap(batch, plan: plan, precision: chunking.precision)
        var dones: [Int] = []
        var sizes: [Int] = []
        try backend.bootstrapChunks(batch, plan: plan, precision: chunking.precision, replicatesPerCall: chunking.perChunk) { chunk, done in
            dones.append(done)
            sizes.append(chunk.resamples)
        }
        let expectedDones = Array(stride(from: 0, to: chunking.resamples, by: chunking.perChunk))
        #expect(dones == expectedDones)
        #expect(sizes == expectedDones.map { min(chunking.perChunk, chunking.resamples - $0) })
        let assembled = try backend.bootstrap(batch, plan: plan, precision: chunking.precision, replicatesPerCall: chunking.perChunk) { _ in }
        #expect(bits(assembled) == bits(whole))
        #expect(whole.statuses.filter { $0 == 0 }.count > whole.statuses.count / 2, "most replicates should be valid")
    }

    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices, chunkings)
    func chunksEqualOneBootstrapCall(on target: TestDeviceForm, _ chunking: Chunking) throws {
        // Launches of at most 13 replicates: chunks span several launches and launches end mid-problem.
        for cap in [nil, 13] {
            let backend = try TestBackends.openCL(target.device, maxReplicatesPerLaunch: cap, workGroupSize: 8, kernelForm: target.form)
            try Self.expectChunksEqualOneCall(backend, chunking)
        }
    }

    /// The chunks are those of `RegressionBackend`'s default, one `bootstrap` call per chunk, which
    /// the CPU backend keeps.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func chunksAreTheCPUBackendsChunks(on target: TestDeviceForm) throws {
        let batch = try Self.batch.get()
        let plan = BootstrapPlan(resamples: 45, seed: 4)
        func chunks(_ backend: any RegressionBackend) throws -> [[[UInt64]]] {
            var chunks: [[[UInt64]]] = []
            try backend.bootstrapChunks(batch, plan: plan, precision: .double, replicatesPerCall: 20) { chunk, _ in chunks.append(Self.bits(chunk)) }
            return chunks
        }
        let openCL = try TestBackends.openCL(target.device, workGroupSize: 8, kernelForm: target.form)
        let expected = try chunks(CPUBackend())
        #expect(expected.count == 3)
        #expect(try chunks(openCL) == expected)
        // One sequence: the latest launches are every chunk's (one call per chunk would leave the last chunk's one).
        #expect((openCL.lastLaunches?.count ?? 0) >= 3)
    }

    struct Stop: Error, Equatable {}

    /// A body that throws stops the chunks there: no chunk after it, the error as thrown, and the
    /// backend (its lock, its queue) ready for the next call, which gives the full result.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func aBodyThatThrowsStopsTheChunks(on target: TestDeviceForm) throws {
        let batch = try Self.batch.get()
        let plan = BootstrapPlan(resamples: 90, seed: 8)
        let backend = try TestBackends.openCL(target.device, maxReplicatesPerLaunch: 11, workGroupSize: 8, kernelForm: target.form)
        var seen: [Int] = []
        #expect(throws: Stop()) {
            try backend.bootstrapChunks(batch, plan: plan, precision: .double, replicatesPerCall: 10) { _, done in
                seen.append(done)
                if done == 20 { throw Stop() }
            }
        }
        #expect(seen == [0, 10, 20])
        let assembled = try backend.bootstrap(batch, plan: plan, precision: .double, replicatesPerCall: 10) { _ in }
        #expect(Self.bits(assembled) == Self.bits(try CPUBackend().bootstrap(batch, plan: plan, precision: .double)))
    }

    /// The device memory of the sequence (inputs and both output slots) stays within the backend's
    /// limit, launches shrinking to what the inputs leave; a limit the inputs and two smallest launches
    /// exceed is refused before any chunk, and the backend then runs within a larger one.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func deviceMemoryStaysWithinTheLimitOrIsRefusedBeforeAnyChunk(on target: TestDeviceForm) throws {
        let batch = try Self.batch.get()
        let plan = BootstrapPlan(resamples: 200, seed: 12)
        let prepared = try PreparedBootstrap<Double>(batch, plan: plan)
        let expected = Self.bits(try CPUBackend().bootstrap(batch, plan: plan, precision: .double))
        for limit in [6_000, 40_000] {
            let backend = try OpenCLBackend(device: target.device.device, memoryLimitBytes: limit, workGroupSize: 8, kernelForm: target.form)
            let assembled = try backend.bootstrap(batch, plan: plan, precision: .double, replicatesPerCall: 70) { _ in }
            #expect(Self.bits(assembled) == expected)
            let launches = try #require(backend.lastLaunches)
            let memory = BootstrapDeviceMemory(prepared, problemGroupSize: target.form == .gpu ? 8 : nil)
            #expect(memory.inputBytes + launches.outputBytes <= limit && launches.count >= 3, "\(launches), inputs \(memory.inputBytes)")
        }
        let tiny = try OpenCLBackend(device: target.device.device, memoryLimitBytes: 500, workGroupSize: 8, kernelForm: target.form)
        var chunks = 0
        #expect {
            try tiny.bootstrapChunks(batch, plan: plan, precision: .double, replicatesPerCall: 70) { _, _ in chunks += 1 }
        } throws: { error in
            guard case TrendFitError.memoryLimit(let needed, let limit, _) = error else { return false }
            return limit == 500 && needed > limit
        }
        #expect(chunks == 0)
    }

    /// A batch without problems has empty chunks, handed over as the default loop hands them.
    @Test(.requiresOpenCL, arguments: TestBackends.devices)
    func aBatchWithoutProblemsHasEmptyChunks(on device: TestDevice) throws {
        let batch = try ProblemBatch(table: try Self.batch.get().table, problems: [])
        let plan = BootstrapPlan(resamples: 25, seed: 1)
        var dones: [Int] = []
        try TestBackends.openCL(device).bootstrapChunks(batch, plan: plan, precision: .double, replicatesPerCall: 10) { chunk, done in
            #expect(chunk.problemCount == 0 && chunk.coefficients.isEmpty)
            dones.append(done)
        }
        #expect(dones == [0, 10, 20])
    }
}

import Foundation
import Testing
import TrendFit
import TrendFitOpenCL
import TrendFitWorkloads

/// The bytes a backend reports copying from the device per replicate are the buffers it reads back.
@Suite struct DeviceToHostBytesTests {
    @Test(.requiresOpenCL, arguments: [2, 5], [Precision.double, .float])
    func openCLReportsTheBuffersItReads(p: Int, precision: Precision) throws {
        for backend in try TestBackends.devices.map({ try TestBackends.openCL($0) }) where backend.supports(precision) {
            try expectReadBack(backend, p: p, precision: precision)
        }
    }

    private func expectReadBack(_ backend: OpenCLBackend, p: Int, precision: Precision) throws {
        let batch = try SyntheticWorkload(rowsPerProblem: 20, coefficientCount: p, problemCount: 2).makeBatch()
        let scalar = precision == .double ? 8 : 4
        for standardErrors in [false, true] {
            for residualSums in [false, true] {
                let plan = BootstrapPlan(scheme: .cases, resamples: 16, seed: 5, replicateStandardErrors: standardErrors,
                                         replicateResidualSums: residualSums)
                let replicates = try backend.bootstrap(batch, plan: plan, precision: precision)
                // The read-back holds p coefficients (and p standard errors) per replicate, nothing padded.
                #expect(replicates.coefficients.count == 2 * 16 * p)
                #expect(replicates.standardErrors.count == (standardErrors ? 2 * 16 * p : 0))
                #expect(replicates.residualSumsOfSquares.count == (residualSums ? 2 * 16 : 0))
                // Coefficients and a status byte, plus the residual sum of squares and the standard errors when asked.
                let expected = p * scalar + 1 + (residualSums ? scalar : 0) + (standardErrors ? p * scalar : 0)
                #expect(backend.deviceToHostBytesPerReplicate(batch, plan: plan, precision: precision) == expected)
            }
        }
    }

    @Test func cpuReplicatesNeverLeaveTheHost() throws {
        let batch = try SyntheticWorkload(rowsPerProblem: 20, coefficientCount: 3).makeBatch()
        let plan = BootstrapPlan(scheme: .wild, resamples: 8, seed: 1, replicateStandardErrors: true)
        #expect(CPUBackend().deviceToHostBytesPerReplicate(batch, plan: plan, precision: .double) == 0)
    }
}

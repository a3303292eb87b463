import Foundation
import Testing
import TestSupport
@testable import TrendAnalysis
import TrendFit

/// `trendfit bootstrap --replicates FILE`, run as a subprocess: the file holds exactly the
/// engine's replicates, in replicate order, with their statuses.
@Suite struct ReplicateFileCommandTests {
    /// Eight rows, six sharing x = 1: some resamples are rank-deficient (x constant), some have
    /// fewer than four distinct rows, the rest are valid.
    static let csv = "x,y\n1,2.5\n1,3.25\n1,1.75\n1,2.875\n1,2.125\n1,3.5\n2,4.375\n3,6.0625\n"
    /// More replicates than one write holds, so the file is written in several chunks.
    static let resamples = 10_000

    /// The engine's replicates for the file's model, with the plan the command builds.
    static func engineReplicates(standardErrors: Bool) throws -> BootstrapReplicates {
        let table = try NumericTableReader.read(csv: csv, source: "csv", columns: ["y", "x"])
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<8).map { Int32($0) }, response: 0, regressors: [1])])
        let plan = BootstrapPlan(resamples: resamples, seed: 5, minimumDistinctRows: 4, replicateStandardErrors: standardErrors)
        return try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
    }

    /// Runs the bootstrap with `--replicates NAME` in a scratch folder holding the data as `data.csv`.
    static func run(_ folder: ScratchFolder, replicates name: String, interval: String) throws -> TrendfitProcess.Result {
        let data = try folder.write(csv, to: "data.csv")
        return try TrendfitProcess.run(["bootstrap", data, "--y", "y", "--x", "x", "--resamples", "\(resamples)", "--seed", "5",
                                        "--min-distinct", "4", "--interval", interval, "--backend", "cpu", "--format", "json",
                                        "--replicates", folder.path(name)])
    }

    @Test func theCSVHoldsEveryReplicateWithItsStatusAndStandardErrors() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = try ScratchFolder()
        let run = try Self.run(folder, replicates: "t.csv", interval: "studentized")
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Self.engineReplicates(standardErrors: true)
        let lines = try #require(String(data: try folder.data("t.csv"), encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "(Intercept),x,status,standardError((Intercept)),standardError(x)")
        #expect(lines.count == Self.resamples + 2 && lines.last == "")
        var statuses: [String: Int] = [:]
        var mismatches: [String] = []
        let statusNames: [ReplicateStatus: String] = [.ok: "ok", .rankDeficient: "rank-deficient", .tooFewDistinctRows: "too-few-distinct"]
        for b in 0..<Self.resamples {
            let cells = lines[b + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == 5)
            statuses[cells[2], default: 0] += 1
            let status = expected.status(problem: 0, replicate: b)
            // Each value cell parses back to the engine's double, bit for bit; an excluded replicate's are empty.
            let expectedRow = [expected.coefficients[b * 2], expected.coefficients[b * 2 + 1], nil,
                               expected.standardErrors[b * 2], expected.standardErrors[b * 2 + 1]].map { value in
                value.map { status == .ok ? String($0.bitPattern) : "" }
            }
            let row = cells.enumerated().map { column, cell in
                column == 2 ? nil : (cell.isEmpty ? "" : Double(cell).map { String($0.bitPattern) } ?? "unreadable \(cell)")
            }
            if cells[2] != statusNames[status] || row != expectedRow { mismatches.append("replicate \(b): \(lines[b + 1])") }
        }
        #expect(mismatches.prefix(5) == [], "\(mismatches.count) rows differ from the engine's replicates")
        #expect(statuses["ok", default: 0] > 0 && statuses["rank-deficient", default: 0] > 0 && statuses["too-few-distinct", default: 0] > 0)
        #expect(statuses["ok"] == Self.resamples - expected.excludedCount(problem: 0))
        #expect(try folder.names() == ["data.csv", "t.csv"])
    }

    @Test func theNPYFileIsAVersion1ArrayOfTheReplicatesWithNaNRowsForExcludedOnes() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = try ScratchFolder()
        let run = try Self.run(folder, replicates: "t.npy", interval: "percentile")
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Self.engineReplicates(standardErrors: false)
        var expectedBits: [UInt64] = []
        for b in 0..<Self.resamples {
            let ok = expected.status(problem: 0, replicate: b) == .ok
            expectedBits += (0..<2).map { ok ? expected.coefficients[b * 2 + $0].bitPattern : Double.nan.bitPattern }
        }
        #expect(expectedBits.contains(Double.nan.bitPattern) && expectedBits.contains { $0 != Double.nan.bitPattern })

        // The header, parsed here by the NPY format's rules.
        let bytes = [UInt8](try folder.data("t.npy"))
        try #require(bytes.count > 10)
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let dataStart = 10 + headerLength
        #expect(dataStart % 64 == 0 && bytes[dataStart - 1] == 0x0A)
        let header = String(decoding: bytes[10..<dataStart], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(header == "{'descr': '<f8', 'fortran_order': False, 'shape': (\(Self.resamples), 2), }")
        #expect(bytes.count == dataStart + expectedBits.count * 8)
        let dataBits = stride(from: dataStart, to: bytes.count, by: 8).map { offset in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
        }
        #expect(dataBits == expectedBits)

        // NumPy's own reader, when NumPy is installed.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import numpy"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("ReplicateFileCommandTests: NumPy is not importable; the .npy file was checked by its header only")
            return
        }
        let python = Process()
        let output = Pipe()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys, numpy; a = numpy.load(sys.argv[1]); print(a.shape, a.dtype.str, a.flags['C_CONTIGUOUS']); print(a.astype('<f8').tobytes().hex())",
                            folder.path("t.npy")]
        python.standardOutput = output
        try python.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        python.waitUntilExit()
        try #require(python.terminationStatus == 0 && printed.count == 2)
        #expect(printed[0] == "(\(Self.resamples), 2) <f8 True")
        let hex = expectedBits.map { bits in (0..<8).map { String(format: "%02x", (bits >> (8 * $0)) & 0xff) }.joined() }.joined()
        #expect(printed[1] == hex)
    }

    @Test func theReplicateFileMayNotBeTheInputNorHaveAnotherExtension() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let folder = try ScratchFolder()
        let data = try folder.write(Self.csv, to: "data.csv")
        let common = ["bootstrap", data, "--y", "y", "--x", "x", "--backend", "cpu"]
        let input = try TrendfitProcess.run(common + ["--replicates", data])
        #expect(input.status == 1 && input.stderr.contains("the output \(data) is the input \(data)"))
        #expect(input.stdout.isEmpty)
        #expect(try folder.data("data.csv") == Data(Self.csv.utf8))
        let other = try TrendfitProcess.run(common + ["--replicates", folder.path("t.txt")])
        #expect(other.status == 64 && other.stderr.contains("name a file ending in .csv or .npy"))
        let directory = try TrendfitProcess.run(common + ["--replicates", folder.url.path + "/"])
        #expect(directory.failedCleanly)
        #expect(try folder.names() == ["data.csv"])
    }
}

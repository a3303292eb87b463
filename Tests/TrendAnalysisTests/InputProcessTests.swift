import Foundation
import Testing
import TrendAnalysis

/// The command line on extreme numbers and bad input: correct results or a message naming the
/// place, never inf/nan, a false "constant response", or Foundation's words.
@Suite struct InputProcessTests {
    /// Rows of a small line fit, with y multiplied by 2^`exponent` (exact).
    private static func csv(exponent: Int) -> String {
        let x = [1.0, 2, 3, 4, 5, 6, 7]
        let y = [1.25, 2.5, 2.75, 4.5, 5.0, 6.75, 7.0]
        return "x,y\n" + zip(x, y).map { "\($0),\(scalbn($1, exponent))" }.joined(separator: "\n") + "\n"
    }

    private static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The JSON object `text` holds, numbers read exactly (correctly rounded), as plain Swift values.
    private static func json(_ text: String) throws -> [String: Any] {
        func plain(_ value: JSONValue) -> Any {
            switch value {
            case .null: return NSNull()
            case .bool(let flag): return flag
            case .number(let number): return number
            case .string(let string): return string
            case .array(let elements): return elements.map(plain)
            case .object(let members): return members.mapValues(plain)
            }
        }
        return try #require(plain(JSONValue(parsing: Data(text.utf8))) as? [String: Any])
    }

    @Test(arguments: [515, -664])
    func fitAndBootstrapOfHugeOrTinyResponsesAreTheScaledResults(exponent: Int) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let plain = try Self.write(Self.csv(exponent: 0), "plain.csv", in: folder)
        let scaled = try Self.write(Self.csv(exponent: exponent), "scaled.csv", in: folder)
        for command in [["fit"], ["bootstrap", "--resamples", "200", "--seed", "3"]] {
            let arguments = ["--y", "y", "--x", "x", "--backend", "cpu", "--format", "json"]
            let reference = try TrendfitProcess.run(command + [plain] + arguments)
            let run = try TrendfitProcess.run(command + [scaled] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let expected = try Self.json(reference.stdout)["coefficients"] as? [[String: Any]] ?? []
            let coefficients = try Self.json(run.stdout)["coefficients"] as? [[String: Any]] ?? []
            #expect(coefficients.count == 2 && expected.count == 2)
            for (actual, wanted) in zip(coefficients, expected) {
                for key in ["estimate", "standardError"] {
                    #expect((actual[key] as? Double) == (wanted[key] as? Double).map { scalbn($0, exponent) }, "\(command) \(key)")
                }
                if command[0] == "bootstrap" {
                    #expect((actual["interval"] as? [Double]) == (wanted["interval"] as? [Double])?.map { scalbn($0, exponent) })
                }
            }
            if command[0] == "fit" {
                #expect(try Self.json(run.stdout)["rSquared"] as? Double == Self.json(reference.stdout)["rSquared"] as? Double)
                let table = try TrendfitProcess.run(["fit", scaled, "--y", "y", "--x", "x", "--backend", "cpu"])
                #expect(!table.stdout.contains("constant response") && !table.stdout.contains("inf") && !table.stdout.contains("nan"))
            }
        }
    }

    @Test func floatPrecisionFitsDataBeyondFloatsRange() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let plain = try Self.write(Self.csv(exponent: 0), "plain.csv", in: folder)
        let scaled = try Self.write(Self.csv(exponent: 200), "scaled.csv", in: folder)
        let arguments = ["--y", "y", "--x", "x", "--backend", "cpu", "--precision", "float", "--format", "json"]
        let reference = try Self.json(TrendfitProcess.run(["fit", plain] + arguments).stdout)
        let run = try TrendfitProcess.run(["fit", scaled] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let slope = (try Self.json(run.stdout)["coefficients"] as? [[String: Any]])?.last?["estimate"] as? Double
        let expected = (reference["coefficients"] as? [[String: Any]])?.last?["estimate"] as? Double
        #expect(slope != nil && slope == expected.map { scalbn($0, 200) })
    }

    @Test func estimatesBeyondDoubleAreAClearError() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let text = "x,y\n" + (1...6).map { "\(scalbn(Double($0), -700)),\(scalbn(Double($0 % 3 + $0), 700))" }.joined(separator: "\n")
        let run = try TrendfitProcess.run(["fit", try Self.write(text, "wide.csv", in: folder), "--y", "y", "--x", "x", "--backend", "cpu",
                                           "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("beyond the range of double precision"), "\(run.stderr)")
    }

    @Test func badInputNamesItsPlaceInOurWords() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let utf16 = folder.appendingPathComponent("utf16.csv").path
        try "x,y\n1,2\n2,3\n3,5\n".write(toFile: utf16, atomically: true, encoding: .utf16)
        let invalid = folder.appendingPathComponent("invalid.csv").path
        try Data(Array("x,y\n1,2\n2,".utf8) + [0xFF] + Array("3\n3,5\n".utf8)).write(to: URL(fileURLWithPath: invalid))
        let spec = try Self.write("{\n  \"resamples\": 1e999\n}\n", "spec.json", in: folder)
        let duplicate = try Self.write("x,y,x\n1,2,3\n2,3,4\n3,5,6\n", "duplicate.csv", in: folder)
        let cases: [([String], String)] = [
            (["fit", utf16, "--y", "y", "--x", "x"], "cannot read \(utf16): byte offset 0: a UTF-16 byte order mark"),
            (["fit", invalid, "--y", "y", "--x", "x"], "cannot read \(invalid): byte offset 10 (line 3): byte 0xFF is not valid UTF-8"),
            (["fit", folder.path, "--y", "y", "--x", "x"], "cannot read \(folder.path): Is a directory"),
            (["sweep", spec], "\(spec): not valid JSON: line 2, column 16: the number 1e999 is beyond the range of double precision"),
            (["fit", duplicate, "--y", "y", "--x", "x"], "\(duplicate):1: the column name 'x' appears 2 times (columns 1, 3)"),
            (["trends", "--period", "A=2010..2015", "--period", "A=2015..end"], "the name 'A' is used twice"),
            (["sweep", folder.appendingPathComponent("missing.json").path], "cannot read the file: No such file or directory"),
            (["merge", folder.appendingPathComponent("missing.csv").path], "No such file or directory"),
            (["merge", folder.path], "Is a directory"),
        ] + Self.unreadableShardCases
        #expect(!Self.unreadableShardCases.isEmpty || !FileManager.default.fileExists(atPath: "/proc/self/mem"))
        for (arguments, message) in cases {
            let run = try TrendfitProcess.run(arguments + (arguments[0] == "merge" ? [] : ["--backend", "cpu"]))
            #expect(run.status != 0)
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            for foreign in ["The operation could not be completed", "DecodingError", "NSCocoaErrorDomain", "Dictionary<"] {
                #expect(!run.stderr.contains(foreign), "\(arguments): \(run.stderr)")
            }
        }
    }

    /// A shard that opens but cannot be read (Linux: the merging process's own `/proc/self/mem`, whose
    /// first read fails with EIO): the message names the file and the line being read.
    static var unreadableShardCases: [([String], String)] {
        guard FileManager.default.fileExists(atPath: "/proc/self/mem") else { return [] }
        return [(["merge", "/proc/self/mem"], "cannot read /proc/self/mem: line 1: Input/output error")]
    }
}

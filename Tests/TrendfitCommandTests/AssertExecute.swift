import Foundation
import Testing
import TestSupport
import TrendAnalysis

/// Runs the built `trendfit` with `arguments` and checks its exit status, and, when given, its
/// whole stdout and a fragment of its stderr (in the spirit of swift-argument-parser's
/// `AssertExecuteCommand`); returns what it wrote.
@discardableResult
func assertExecute(_ arguments: [String], exitCode: Int32 = 0, stdout expectedStdout: String? = nil,
                   stderrContains fragment: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> TrendfitProcess.Result {
    try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path),
                 "build trendfit first (swift build)", sourceLocation: sourceLocation)
    let run = try TrendfitProcess.run(arguments)
    #expect(!run.signalled, "\(arguments) was killed by signal \(run.status)", sourceLocation: sourceLocation)
    #expect(run.status == exitCode, "\(arguments) exited with \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
    if let expectedStdout { #expect(run.stdout == expectedStdout, sourceLocation: sourceLocation) }
    if let fragment {
        #expect(run.stderr.contains(fragment), "\(arguments): stderr lacks '\(fragment)': \(run.stderr)", sourceLocation: sourceLocation)
    }
    return run
}

/// Runs `trendfit` with `arguments` (which ask for JSON), checks that it succeeds and that its
/// stdout is one JSON document of `shape`; returns the document.
@discardableResult
func assertExecuteJSON(_ arguments: [String], shape: JSONShape,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    let run = try assertExecute(arguments, sourceLocation: sourceLocation)
    let document = try JSONValue(parsing: Data(run.stdout.utf8))
    let mismatches = shape.mismatches(document)
    #expect(mismatches.isEmpty, "\(arguments): \(mismatches.joined(separator: "; "))", sourceLocation: sourceLocation)
    return document
}

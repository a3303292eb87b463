import Foundation
import Testing
import TrendAnalysis

@Suite struct DatasetLoaderTests {
    /// Records 2 and 3 hold quoted line breaks, so records and lines differ from there on.
    static let quotedCSV = #"""
        Model,Domain,Publication date,Training compute (FLOP),Notes
        Alpha,"Language,Vision",2017-12-05,1e20,plain
        Beta,Vision,2018-01-01,2.5e21,"first line
        second line, with a comma"
        "Gamma ""G""",Games,2019,3e22,"a
        b
        c"
        Delta,Language,2020-06-30T00:00:00,4e23,
        """#

    @Test func quotedCommasAndLineBreaksAreFieldContent() throws {
        let dataset = try DatasetLoader().load(csv: Self.quotedCSV, source: "quoted.csv")
        #expect(dataset.systems.map(\.name) == ["Alpha", "Beta", "Gamma \"G\"", "Delta"])
        #expect(dataset.systems[0].domains == ["Language", "Vision"])
        #expect(dataset.systems.map(\.value) == [1e20, 2.5e21, 3e22, 4e23])
        #expect(dataset.systems.map(\.date.description) == ["2017-12-05", "2018-01-01", "2019-01-01", "2020-06-30"])
        #expect(dataset.systems.map(\.line) == [2, 3, 5, 8])
        #expect(dataset.recordCount == 4)
    }

    @Test func malformedValueReportsThePhysicalLineAndColumn() throws {
        let text = Self.quotedCSV + "\nEpsilon,Language,2021-01-01,lots,\n"
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "quoted.csv") }
        #expect(error == .malformedField(source: "quoted.csv", line: 9, columnNumber: 4, column: "Training compute (FLOP)",
                                         text: "lots", expected: "a number"))
        #expect(error?.description == "quoted.csv:9: column 4 'Training compute (FLOP)': cannot read 'lots' as a number")
    }

    @Test func aFieldAfterAQuotedLineBreakReportsItsOwnLine() throws {
        let text = """
            Model,Notes,Publication date,Training compute (FLOP)
            Alpha,"two
            lines",2019-01-01,1e20
            Beta,"three
            whole
            lines",2019-02-01,n/a
            """
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "notes.csv") }
        guard case .malformedField(_, let line, let columnNumber, _, let field, _) = error else {
            Issue.record("expected a malformed field, got \(String(describing: error))")
            return
        }
        #expect(line == 6)
        #expect(columnNumber == 4)
        #expect(field == "n/a")
    }

    @Test func windowsLineEndingsCountOneLineEach() throws {
        let text = "Model,Publication date,Training compute (FLOP)\r\nA,2019-01-01,1e20\r\nB,\"x\r\ny\",2\r\nC,2019-03-01,1e21\r\n"
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "crlf.csv") }
        guard case .malformedField(_, let line, _, let column, _, _) = error else {
            Issue.record("expected a malformed field, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(column == "Publication date")
    }

    @Test func malformedDateIsAnError() {
        let text = "Model,Publication date,Training compute (FLOP)\nA,2019-01-01,1e20\nB,last spring,1e21\n"
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "dates.csv") }
        #expect(error?.description.hasPrefix("dates.csv:3: column 2 'Publication date': cannot read 'last spring' as a date") == true)
    }

    @Test func rowsWithoutDateOrValueAreSkippedAndCounted() throws {
        let text = """
            Model,Publication date,Training compute (FLOP)
            A,2019-01-01,1e20
            B,,1e21
            C,2019-03-01,
            D,,

            E,2019-05-01,\t
            F,2019-06-01,2e22
            """
        let dataset = try DatasetLoader().load(csv: text, source: "gaps.csv")
        #expect(dataset.systems.map(\.name) == ["A", "F"])
        #expect(dataset.skippedMissingDate == 2)
        #expect(dataset.skippedMissingValue == 2)
        #expect(dataset.recordCount == 6)
    }

    @Test func nonPositiveValuesAreReportedNotAnalysed() throws {
        let text = "Model,Publication date,Training compute (FLOP)\nA,2019-01-01,1e20\nB,2019-02-01,0\nC,2019-03-01,-5\n"
        let dataset = try DatasetLoader().load(csv: text, source: "signs.csv")
        #expect(dataset.systems.map(\.name) == ["A"])
        #expect(dataset.nonPositiveValues == [NonPositiveValue(name: "B", line: 3, value: 0),
                                              NonPositiveValue(name: "C", line: 4, value: -5)])
    }

    @Test func nonFiniteNumbersAreMalformed() {
        let text = "Model,Publication date,Training compute (FLOP)\nA,2019-01-01,inf\n"
        #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "inf.csv") }
    }

    @Test func columnMappingReadsAnyCSV() throws {
        let text = "system,when,flops,area\nX,2001,10,\"Vision,Speech\"\nY,2003-07-01,1000,Speech\n"
        let loader = DatasetLoader(columns: ColumnMapping(name: "system", date: "when", value: "flops", domain: "area"))
        let dataset = try loader.load(csv: text, source: "custom.csv")
        #expect(dataset.systems.map(\.name) == ["X", "Y"])
        #expect(dataset.systems[0].domains == ["Vision", "Speech"])
        #expect(dataset.availableAttributes == [.domain])
    }

    @Test func missingColumnListsTheAvailableOnes() {
        let text = "system,when,flops\nX,2001,10\n"
        let error = #expect(throws: DatasetError.self) {
            try DatasetLoader(columns: ColumnMapping(name: "system", date: "when")).load(csv: text, source: "custom.csv")
        }
        #expect(error == .missingColumn(source: "custom.csv", column: "Training compute (FLOP)", role: "value column",
                                        available: ["system", "when", "flops"]))
    }

    @Test func unterminatedQuoteNamesItsLine() {
        let text = "Model,Publication date,Training compute (FLOP)\nA,2019-01-01,1e20\n\"B,2019-02-01,1e21\nC,2019-03-01,1e22\n"
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(csv: text, source: "open.csv") }
        #expect(error == .malformedCSV(source: "open.csv", line: 3, reason: "a quoted field opened on this line is never closed"))
    }

    @Test func readsFilesAndReportsUnreadableOnes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trendanalysis-\(UUID().uuidString).csv").path
        try "Model,Publication date,Training compute (FLOP)\nA,2019-01-01,1e20\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try DatasetLoader().load(path: path).systems.count == 1)
        #expect(try DatasetLoader().load(path: path).source == path)
        let error = #expect(throws: DatasetError.self) { try DatasetLoader().load(path: path + ".missing") }
        guard case .unreadableFile(let missing, _) = error else {
            Issue.record("expected an unreadable file, got \(String(describing: error))")
            return
        }
        #expect(missing == path + ".missing")
    }
}

@Suite struct EmbeddedDatasetTests {
    @Test func readsEveryRecordWithADateAndPositiveValueFromItsLine() throws {
        let records = ReferenceCSV.records(DatasetLoader.embeddedCSV)
        var startLines: [Int] = []
        var line = 1
        for record in records {
            startLines.append(line)
            line += 1 + record.reduce(0) { count, field in count + field.filter { $0 == "\n" }.count }
        }
        #expect(line > records.count + 1, "the embedded data should hold quoted line breaks")
        let header = records[0]
        let dateColumn = try #require(header.firstIndex(of: "Publication date"))
        let valueColumn = try #require(header.firstIndex(of: "Training compute (FLOP)"))
        let usable = records.indices.dropFirst().filter {
            !records[$0][dateColumn].isEmpty && (Double(records[$0][valueColumn]) ?? 0) > 0
        }
        #expect(embeddedDataset.systems.count == usable.count)
        #expect(embeddedDataset.systems.map(\.name) == usable.map { records[$0][0] })
        #expect(embeddedDataset.systems.map(\.line) == usable.map { startLines[$0] })
        #expect(embeddedDataset.recordCount == records.count - 1)
        #expect(embeddedDataset.skippedMissingValue == records.dropFirst().filter { $0[valueColumn].isEmpty }.count)
        #expect(embeddedDataset.availableAttributes == Set(SystemAttribute.allCases))
    }
}

import Testing
import TrendAnalysis
import TrendFit

@Suite struct NumericTableReaderTests {
    static let text = """
        id,x,y,note
        1,1.5,10,"a, b"
        3,3.5,30,"two
        lines"

        4,4.5,40,
        """

    @Test func readsRequestedColumnsInOrder() throws {
        let table = try NumericTableReader.read(csv: Self.text, source: "model.csv", columns: ["y", "x"])
        #expect(table.columnNames == ["y", "x"])
        #expect(table.rowCount == 3)
        #expect(Array(table.column(0)) == [10, 30, 40])
        #expect(Array(table.column(1)) == [1.5, 3.5, 4.5])
    }

    @Test func nonNumericCellNamesItsLine() {
        let text = Self.text + "\n5,five,50,\n"
        #expect(throws: DatasetError.malformedField(source: "model.csv", line: 7, columnNumber: 2, column: "x", text: "five",
                                                    expected: "a finite number")) {
            try NumericTableReader.read(csv: text, source: "model.csv", columns: ["x", "y"])
        }
    }

    @Test func emptyCellIsAnError() {
        let text = Self.text + "\n5,,50,\n"
        #expect(throws: DatasetError.malformedField(source: "model.csv", line: 7, columnNumber: 2, column: "x", text: "",
                                                    expected: "a number (the cell is empty)")) {
            try NumericTableReader.read(csv: text, source: "model.csv", columns: ["x", "y"])
        }
    }

    @Test func missingColumnIsAnError() {
        #expect(throws: DatasetError.self) { try NumericTableReader.read(csv: Self.text, source: "model.csv", columns: ["z"]) }
    }
}

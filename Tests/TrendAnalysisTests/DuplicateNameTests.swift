import Testing
import TrendAnalysis

/// A CSV header that repeats a column name, and periods that repeat a name, are errors naming them.
@Suite struct DuplicateNameTests {
    @Test func aRepeatedColumnNameIsAnErrorNamingItsColumns() {
        let csv = "Model,Publication date,Training compute (FLOP),Publication date\nA,2020-01-01,1e20,2021-01-01\n"
        #expect(throws: DatasetError.duplicateColumn(source: "data.csv", column: "Publication date", columnNumbers: [2, 4])) {
            try DatasetLoader().load(csv: csv, source: "data.csv")
        }
        #expect(throws: DatasetError.duplicateColumn(source: "data.csv", column: "x", columnNumbers: [1, 3])) {
            try NumericTableReader.read(csv: " x ,y,x\n1,2,3\n", source: "data.csv", columns: ["y"])
        }
        #expect(DatasetError.duplicateColumn(source: "data.csv", column: "x", columnNumbers: [1, 3]).description
                == "data.csv:1: the column name 'x' appears 2 times (columns 1, 3); every column needs its own name")
    }

    @Test func unnamedColumnsMayRepeat() throws {
        let table = try NumericTableReader.read(csv: "x,,y,\n1,,2,\n", source: "data.csv", columns: ["x", "y"])
        #expect(table.values == [1, 2])
    }

    @Test func repeatedPeriodNamesAreAnError() throws {
        let periods = [try Period(parsing: "A=2010..2015"), try Period(parsing: "B=2012..end"), try Period(parsing: "A=2015..end")]
        #expect(throws: AnalysisError.invalidSetting(name: "periods", reason: "the name 'A' is used twice; every period needs its own")) {
            try AnalysisSettings(periods: periods)
        }
    }
}

import Testing
import TrendAnalysis

/// `Table`, the renderer of every table and CSV: alignment, rules, quoting and non-finite numbers.
@Suite struct TableTests {
    @Test func textPadsColumnsToTheirWidestCellAndTrimsTrailingSpaces() {
        var table = Table(titles: ["name", "n", "note"], alignments: [.left, .right, .left])
        table.append(["a", "1234", ""])
        table.append(["longer", "5", "x"])
        #expect(table.textLines() == ["name       n  note", "──────  ────  ────", "a       1234", "longer     5  x"])
        #expect(table.textLines(ruled: false) == ["name       n  note", "a       1234", "longer     5  x"])
    }

    @Test func csvQuotesFieldsAsRFC4180AndWritesNonFiniteNumbers() {
        let table = Table(titles: ["label, with comma", "value"], rows: [
            [.text("say \"hi\""), .number(0.1)],
            [.text("two\nlines"), .number(-.infinity)],
            [.empty, .number(.nan)],
            [.integer(7), .number(.infinity)],
        ])
        #expect(table.csvLines() == ["\"label, with comma\",value", "\"say \"\"hi\"\"\",0.1", "\"two\nlines\",-inf", ",nan", "7,inf"])
        #expect(Table.csvLine([.text("a"), .integer(-3), .empty]) == "a,-3,")
    }

    @Test func textCellsRenderAsCSVFieldsDo() {
        let table = Table(titles: ["a", "b"], textRows: [["1,5", "x"]])
        #expect(table.rows == [[.text("1,5"), .text("x")]])
        #expect(table.csvLines() == ["a,b", "\"1,5\",x"])
        #expect(table.textLines(ruled: false) == ["a    b", "1,5  x"])
    }
}

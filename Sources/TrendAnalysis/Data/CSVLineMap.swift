/// The physical line on which each field of a CSV text starts.
///
/// Quoted fields may hold line breaks, so a record's index differs from its line number; this map
/// follows quotes and line breaks the way SwiftCSV's parser splits records (a `Character` that
/// `isNewline`, so `\r\n` is one break), giving the true line of every field for error messages.
struct CSVLineMap {
    /// For each record (the header is record 0), the 1-based line of each field's first character.
    private let fieldLines: [[Int]]

    /// Scans `text`; throws if a quoted field is never closed.
    init(text: String, source: String) throws(DatasetError) {
        var records: [[Int]] = []
        var current: [Int] = []
        var line = 1
        var inQuotes = false
        var quoteLine = 1
        var atRecordStart = true
        for character in text {
            if atRecordStart {
                current = [line]
                atRecordStart = false
            }
            if character == "\"" {
                inQuotes.toggle()
                if inQuotes { quoteLine = line }
            } else if character == "," && !inQuotes {
                current.append(line)
            } else if character.isNewline {
                if !inQuotes {
                    records.append(current)
                    atRecordStart = true
                }
                line += 1
            }
        }
        if !atRecordStart { records.append(current) }
        guard !inQuotes else {
            throw .malformedCSV(source: source, line: quoteLine, reason: "a quoted field opened on this line is never closed")
        }
        self.fieldLines = records
    }

    /// Line on which field `field` of record `record` starts (the record's last known line when
    /// the record or field is beyond what the scan saw).
    func line(record: Int, field: Int) -> Int {
        guard let lines = record < fieldLines.count ? fieldLines[record] : fieldLines.last else { return 1 }
        return field < lines.count ? lines[field] : lines[lines.count - 1]
    }
}

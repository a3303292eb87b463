import Foundation
import Testing
import TrendAnalysis

/// The sweep spec's JSON reader: the trees Foundation's `JSONSerialization` reads, and errors that
/// name the line and column instead of Foundation's or `DecodingError`'s text.
@Suite struct JSONParserTests {
    /// Converts a `JSONSerialization` tree to a `JSONValue` (an independent reading of the text).
    private static func reference(_ object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
        case let number as NSNumber: return .number(number.doubleValue)
        case let string as String: return .string(string)
        case let array as [Any]: return .array(array.map(reference))
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(reference))
        default: return .null
        }
    }

    @Test(arguments: [
        #"{"a": [1, -2.5, 3e2, 0.125E-3, true, false, null], "b": {"c": "x\"y\\z\/\n\t\u00e9\ud83d\ude00"}, "d": []}"#,
        "  [ {} , [ ] , \"\" , -0 , 12345678901234567890 ]  ",
        "\"é € 😀 plain UTF-8\"",
    ])
    func validDocumentsReadAsFoundationReadsThem(_ text: String) throws {
        let expected = Self.reference(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
        #expect(try JSONValue(parsing: Data(text.utf8)) == expected)
    }

    @Test(arguments: [
        ("{\"a\": [1, 2,]}", 1, 13, "expected a value, found ']'"),
        ("{\n  \"resamples\": 1e999\n}", 2, 16, "beyond the range of double"),
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", 3, 3, "the key 'a' appears twice"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\": \"open", 1, 7, "never closed"),
        ("{\"a\": 01}", 1, 7, "may not start with 0"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("{\"a\": \"\\q\"}", 1, 8, "not an escape sequence"),
        ("{\"a\": 1} x", 1, 10, "unexpected text"),
        ("{\"a\": \"tab\there\"}", 1, 11, "control character"),
        ("", 1, 1, "found the end of the text"),
    ])
    func errorsNameLineAndColumn(text: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try JSONValue(parsing: Data(text.utf8))
        } throws: { error in
            guard let syntax = error as? JSONSyntaxError else { return false }
            return syntax.line == line && syntax.column == column && syntax.reason.contains(reason)
        }
    }

    @Test func invalidUTF8InAStringNamesItsPlace() {
        let bytes: [UInt8] = Array("{\"a\":\n \"x".utf8) + [0xFF] + Array("\"}".utf8)
        #expect {
            try JSONValue(parsing: Data(bytes))
        } throws: { error in
            (error as? JSONSyntaxError)?.description == "line 2, column 3: the string holds bytes that are not UTF-8"
        }
    }

    @Test func specErrorsCarryNoFoundationText() {
        for text in ["{\"resamples\": 1e999}", "{\"sweep\": [", "{\"a\": \"\u{1}\"}", "[1,]"] {
            let message = sweepSpecError(text)?.description ?? ""
            #expect(message.hasPrefix("spec.json: not valid JSON: line 1, column "), "\(message)")
            #expect(!message.contains("DecodingError") && !message.contains("Foundation") && !message.contains("Dictionary"))
        }
    }

    @Test func repeatedPeriodNamesInASpecAreAnError() {
        let error = sweepSpecError(#"{"periods": [{"name": "A", "start": "2010"}, {"name": "A", "start": "2015"}]}"#)
        #expect(error?.description == "spec.json: periods[1].name: the period name 'A' is used twice")
    }
}

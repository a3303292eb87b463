import Foundation
import Testing
import TrendAnalysis

/// JSON output never fails on a non-finite number: it is written as null.
@Suite struct JSONTextTests {
    private struct Numbers: Encodable {
        let finite: Double
        let positive: Double
        let negative: Double
        let missing: Double
        let list: [Double]
        let label: String
    }

    @Test func nonFiniteNumbersAreNull() throws {
        let value = Numbers(finite: 1.5, positive: .infinity, negative: -.infinity, missing: .nan, list: [.infinity, 2],
                            label: "non-finite")
        #expect(try JSONText.encode(value)
                == #"{"finite":1.5,"label":"non-finite","list":[null,2],"missing":null,"negative":null,"positive":null}"#)
        let pretty = try JSONText.encode(value, pretty: true)
        let reread = try JSONSerialization.jsonObject(with: Data(pretty.utf8)) as? [String: Any]
        #expect(reread?["positive"] is NSNull)
        #expect(reread?["finite"] as? Double == 1.5)
    }

    @Test func aJSONTreeWithANonFiniteNumberStillHasCanonicalText() {
        #expect(JSONValue.object(["a": .number(.infinity), "b": .array([.number(.nan), .number(1)])]).canonicalText
                == #"{"a":null,"b":[null,1]}"#)
    }
}

import Foundation
import Testing
import TestSupport
import TrendAnalysis

/// Reading files as UTF-8: the encoding errors name the byte offset; system errors are the system's words.
@Suite struct TextFileTests {
    /// Expects `body` to fail with a `TextFileError` whose reason is `reason`.
    private func expectError(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        #expect(sourceLocation: sourceLocation) {
            try body()
        } throws: { error in
            (error as? TextFileError)?.reason == reason
        }
    }

    @Test func utf16WithAByteOrderMarkIsNamed() {
        for bytes: [UInt8] in [[0xFF, 0xFE, 0x78, 0x00], [0xFE, 0xFF, 0x00, 0x78]] {
            expectError("byte offset 0: a UTF-16 byte order mark; save the file as UTF-8") {
                _ = try TextFile.decode(bytes)
            }
        }
    }

    @Test func utf16WithoutAByteOrderMarkIsFoundByItsNulBytes() throws {
        let bytes = Array("x,y\n1,2\n".data(using: .utf16LittleEndian)!)
        expectError("byte offset 1 (line 1): a NUL byte, so this is not UTF-8 text (UTF-16 or binary?); save the file as UTF-8") {
            try TextFile.decode(bytes)
        }
    }

    @Test(arguments: [
        ([0xFF], 0, 1),
        ([0xC3], 0, 1),  // a lead byte cut off by the end
        ([0xE2, 0x82], 0, 1),
        ([0xED, 0xA0, 0x80], 0, 1),  // an encoded surrogate
        ([0xC0, 0xAF], 0, 1),  // an overlong encoding
    ] as [([UInt8], Int, Int)])
    func invalidUTF8NamesTheOffsetOfItsFirstByte(bad: [UInt8], _: Int, _: Int) {
        let prefix = Array("name,value\nGPT é,1\nx,".utf8)
        let bytes = prefix + bad + Array("2\n".utf8)
        let offset = prefix.count
        expectError("byte offset \(offset) (line 3): byte 0x\(String(bad[0], radix: 16, uppercase: true)) is not valid UTF-8; save the file as UTF-8") {
            try TextFile.decode(bytes)
        }
    }

    @Test func aUTF8ByteOrderMarkIsDropped() throws {
        #expect(try TextFile.decode([0xEF, 0xBB, 0xBF] + Array("x,y".utf8)) == "x,y")
    }

    @Test func systemErrorsAreTheSystemsWords() throws {
        expectError("No such file or directory") { _ = try TextFile.text(path: "/nonexistent/file.csv") }
        expectError("Is a directory") { _ = try TextFile.text(path: NSTemporaryDirectory()) }
    }

    @Test func aCSVFileInUTF16IsAnErrorNamingTheFileAndOffset() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let path = folder.appendingPathComponent("utf16.csv").path
        try "x,y\n1,2\n".write(toFile: path, atomically: true, encoding: .utf16)
        #expect(throws: DatasetError.unreadableFile(path: path, reason: "byte offset 0: a UTF-16 byte order mark; save the file as UTF-8")) {
            try NumericTableReader.read(path: path, columns: ["x", "y"])
        }
    }
}

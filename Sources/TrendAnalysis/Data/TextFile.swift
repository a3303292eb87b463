import Foundation

/// Why a text file could not be read, in words a user can act on (never a Foundation message).
public struct TextFileError: Error, Equatable, CustomStringConvertible {
    /// The reason: the system's (`No such file or directory`) or the encoding problem, with its byte offset.
    public let reason: String

    public var description: String { reason }
}

/// Reads files as UTF-8 text: a leading UTF-8 byte order mark is dropped; UTF-16 text, NUL bytes and
/// invalid UTF-8 are errors that name the byte offset (counted from 0) and line.
public enum TextFile {
    /// The bytes of the file at `path`.
    public static func bytes(path: String) throws(TextFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw TextFileError(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TextFileError(reason: String(cString: strerror(errno))) }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    /// The text of the file at `path`.
    public static func text(path: String) throws(TextFileError) -> String {
        try decode(bytes(path: path))
    }

    /// `bytes` as UTF-8 text.
    public static func decode(_ bytes: [UInt8]) throws(TextFileError) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw TextFileError(reason: "byte offset 0: a UTF-16 byte order mark; save the file as UTF-8")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let nul = body.firstIndex(of: 0) {
            throw TextFileError(reason: "\(place(nul, in: bytes)): a NUL byte, so this is not UTF-8 text (UTF-16 or binary?); save the file as UTF-8")
        }
        if let text = String(validating: body, as: UTF8.self) { return text }
        let offset = firstInvalidOffset(body)
        throw TextFileError(reason: "\(place(offset, in: bytes)): byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) is not valid UTF-8; save the file as UTF-8")
    }

    /// "byte offset N (line L)" for `offset` in `bytes`.
    private static func place(_ offset: Int, in bytes: [UInt8]) -> String {
        "byte offset \(offset) (line \(bytes[..<offset].count { $0 == UInt8(ascii: "\n") } + 1))"
    }

    /// Offset (in the whole file) of the first byte that does not begin a valid UTF-8 sequence.
    private static func firstInvalidOffset(_ body: ArraySlice<UInt8>) -> Int {
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var offset = body.startIndex
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }
}

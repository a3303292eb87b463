import Foundation

extension ShardMerger {
    /// One shard output to merge: its name for messages and where its lines come from.
    public struct Input: Sendable {
        /// Where a shard's lines are read from.
        public enum Content: Sendable {
            /// Text already in memory.
            case text(String)
            /// A file, read a chunk at a time.
            case file(path: String)
        }

        /// Name used in messages (the path, for files).
        public var name: String
        /// The shard's lines.
        public var content: Content

        /// A shard output held in memory.
        public init(name: String, text: String) {
            self.name = name
            content = .text(text)
        }

        /// A shard output file, streamed rather than loaded whole.
        public init(path: String) {
            name = path
            content = .file(path: path)
        }

        /// A fresh reader of the shard's lines, from the first.
        func lines() throws(ShardMergeError) -> Lines {
            switch content {
            case .text(let text):
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.last == "" { lines.removeLast() }
                return Lines(name: name, source: .memory(lines[...], endsWithBreak: text.hasSuffix("\n")))
            case .file(let path):
                do {
                    return Lines(name: name, source: .file(try FileLineReader(path: path)))
                } catch {
                    throw .unreadable(file: name, reason: "\(error)")
                }
            }
        }
    }

    /// The lines of one input, numbered from 1 as they are read.
    struct Lines {
        enum Source {
            case memory(ArraySlice<String>, endsWithBreak: Bool)
            case file(FileLineReader)
        }

        let name: String
        var source: Source
        /// Number of the line `next()` returned last.
        private(set) var number = 0
        /// Bytes up to the end of the line `next()` returned last, its line break included.
        private(set) var offset = 0
        /// Whether the line `next()` returned last ended with a line break (false for a cut last line).
        private(set) var lineEndedWithBreak = true

        /// The next line, or nil after the last. A failed read names the file and the line it was
        /// reading.
        mutating func next() throws(ShardMergeError) -> String? {
            let line: String?
            switch source {
            case .memory(var rest, let endsWithBreak):
                line = rest.popFirst()
                source = .memory(rest, endsWithBreak: endsWithBreak)
                lineEndedWithBreak = !rest.isEmpty || endsWithBreak
                offset += (line?.utf8.count ?? 0) + (line != nil && lineEndedWithBreak ? 1 : 0)
            case .file(let reader):
                do {
                    line = try reader.next()
                } catch {
                    throw .unreadable(file: name, reason: "line \(number + 1): \(error.reason)")
                }
                offset = reader.offset
                lineEndedWithBreak = reader.lineEndedWithBreak
            }
            if line != nil { number += 1 }
            return line
        }
    }
}

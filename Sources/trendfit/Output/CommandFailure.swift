/// A failure found while running a command (bad data, an unusable device), as opposed to bad
/// arguments: reported without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

import ArgumentParser
import TrendFit

/// Parsing and help of `--memory-limit SIZE`, shared by the commands that bootstrap.
enum MemoryLimitOption {
    /// The option's name on the command line, which messages about the limit point to.
    static let flag = "--memory-limit"

    /// The option's help.
    static let help = ArgumentHelp("Most memory the bootstrap's replicates and their summaries may hold, and, on an OpenCL device, the bootstrap's device buffers (its copy of the data and two launches' replicates) and the fits' (the table and one launch's problems), e.g. 512M or 4G (default \(MemoryLimit.standard)).",
                                   valueName: "size")

    /// The option's help on `fit`, which bootstraps nothing.
    static let fitHelp = ArgumentHelp("Most memory the fit's buffers may hold on an OpenCL device (the table, and the rows, descriptors and results of one launch's problems), e.g. 512M or 4G (default \(MemoryLimit.standard)).",
                                      valueName: "size")

    /// Parses the option's value, with a message that says what is wrong.
    @Sendable static func parse(_ text: String) throws -> MemoryLimit {
        do {
            return try MemoryLimit(parsing: text)
        } catch {
            throw ValidationError("give a size of at least \(MemoryLimit.format(bytes: MemoryLimit.minimumBytes)), such as 512M or 4G")
        }
    }

    /// Runs `body`, turning a refusal for want of memory into a message naming the option that raises
    /// the limit and saying what was done before the refusal (`workDone`: by default, nothing).
    static func explainingRefusal<Result>(workDone: @autoclosure () -> String = "no work was done",
                                          _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as TrendFitError {
            guard case .memoryLimit = error else { throw error }
            throw CommandFailure("\(error.description); raise the limit with \(flag) (\(workDone()))")
        }
    }
}

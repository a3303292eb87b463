import ArgumentParser

/// The synthetic workload settings `bench` and `compare` share: problems per batch, jitter and seed.
struct WorkloadOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Problems per batch.")
    var problems: Int = 1
    @Option(parsing: .unconditional, help: "Half-width of the uniform response jitter (0: none).")
    var jitter: Double = 0
    @Option(parsing: .unconditional, help: "Seed of the data and of the Philox streams.")
    var seed: UInt64 = 1

    func validate() throws {
        guard problems >= 1 else { throw ValidationError("--problems must be at least 1") }
    }
}

/// The shard of a Slurm job array task, read only when asked for (`sweep --shard slurm`).
extension Shard {
    /// The Slurm variables that describe a job array task, all required.
    public static let slurmArrayVariables = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
                                             "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"]

    /// The shard that the array task described by `environment` runs: an array `MIN-MAX:STEP` of
    /// COUNT tasks gives task ID the shard K = (ID − MIN) / STEP + 1 of N = COUNT, so arrays
    /// numbered from 0 or 1, with steps (`0-6:2`) or throttles (`0-7%2`), all give shards 1…N.
    ///
    /// Throws unless every variable of `slurmArrayVariables` is a whole number and they describe
    /// an evenly spaced range holding ID: a list such as `--array=0,3,7` does not say which shard
    /// a task is. A one-task array (a resubmission like `--array=5`) is refused too, since it
    /// cannot say which shard of the original array it reruns.
    public init(slurmArray environment: [String: String]) throws(ShardError) {
        var numbers: [String: Int] = [:]
        for name in Self.slurmArrayVariables {
            guard let text = environment[name] else {
                throw name == "SLURM_ARRAY_TASK_ID" ? .notInSlurmArray : .missingEnvironment(name: name)
            }
            guard let value = Int(text), value >= 0 else { throw .badEnvironment(name: name, value: text) }
            numbers[name] = value
        }
        let id = numbers["SLURM_ARRAY_TASK_ID"]!, minimum = numbers["SLURM_ARRAY_TASK_MIN"]!
        let maximum = numbers["SLURM_ARRAY_TASK_MAX"]!, step = numbers["SLURM_ARRAY_TASK_STEP"]!
        let count = numbers["SLURM_ARRAY_TASK_COUNT"]!
        let array = SlurmArray(id: id, minimum: minimum, maximum: maximum, step: step, count: count)
        // Every value is non-negative and minimum ≤ id ≤ maximum is checked first, so no difference overflows.
        guard step >= 1, count >= 1, minimum <= id, id <= maximum, (id - minimum) % step == 0,
              (maximum - minimum) % step == 0, (maximum - minimum) / step == count - 1
        else { throw .irregularSlurmArray(array) }
        guard count > 1 else { throw .oneTaskSlurmArray(array) }
        try self.init(index: (id - minimum) / step + 1, count: count)
    }
}

/// What the Slurm variables of a job array task say: its ID and the array's first and last ID,
/// step and number of tasks.
public struct SlurmArray: Sendable, Equatable {
    /// `SLURM_ARRAY_TASK_ID`.
    public var id: Int
    /// `SLURM_ARRAY_TASK_MIN`.
    public var minimum: Int
    /// `SLURM_ARRAY_TASK_MAX`.
    public var maximum: Int
    /// `SLURM_ARRAY_TASK_STEP`.
    public var step: Int
    /// `SLURM_ARRAY_TASK_COUNT`.
    public var count: Int

    /// Creates the description of an array task.
    public init(id: Int, minimum: Int, maximum: Int, step: Int, count: Int) {
        self.id = id
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.count = count
    }
}

extension Shard {
    /// The shard a `--shard` argument names: `K/N`, or `slurm` for the Slurm job array task's
    /// shard (`init(slurmArray:)`, read from `environment` only then).
    public init(argument: String, environment: [String: String]) throws(ShardError) {
        if argument == "slurm" {
            try self.init(slurmArray: environment)
        } else {
            try self.init(parsing: argument)
        }
    }
}

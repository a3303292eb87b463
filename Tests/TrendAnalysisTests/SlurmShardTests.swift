import Testing
import TrendAnalysis

@Suite struct SlurmShardTests {
    /// The variables Slurm 22.05 sets in task `id` of an array (as printed by `env` in real array tasks).
    static func environment(id: Int, minimum: Int, maximum: Int, step: Int, count: Int) -> [String: String] {
        ["SLURM_ARRAY_TASK_ID": String(id), "SLURM_ARRAY_TASK_MIN": String(minimum), "SLURM_ARRAY_TASK_MAX": String(maximum),
         "SLURM_ARRAY_TASK_STEP": String(step), "SLURM_ARRAY_TASK_COUNT": String(count)]
    }

    @Test(arguments: [
        // --array=0-3, 1-4, 0-6:2, 0-7%2 (a throttle changes nothing in the variables), 3-15:4.
        (ids: Array(0...3), step: 1), (ids: Array(1...4), step: 1), (ids: [0, 2, 4, 6], step: 2),
        (ids: Array(0...7), step: 1), (ids: [3, 7, 11, 15], step: 4),
    ])
    func rangesGiveEachTaskItsOwnShard(ids: [Int], step: Int) throws {
        let shards = try ids.map { id in
            try Shard(slurmArray: Self.environment(id: id, minimum: ids.first!, maximum: ids.last!, step: step, count: ids.count))
        }
        #expect(shards == (try (1...ids.count).map { try Shard(index: $0, count: ids.count) }))
    }

    @Test func listsAreRefusedWithTheReason() {
        // --array=0,3,7 as Slurm describes it: three tasks from 0 to 7, step 1.
        let error = #expect(throws: ShardError.self) {
            try Shard(slurmArray: Self.environment(id: 3, minimum: 0, maximum: 7, step: 1, count: 3))
        }
        #expect(error == .irregularSlurmArray(SlurmArray(id: 3, minimum: 0, maximum: 7, step: 1, count: 3)))
        #expect(error?.description.contains("a list such as --array=0,3,7 gives no step") == true)
        #expect(error?.description.contains("--shard K/N") == true)
        // A task ID off the step.
        #expect(throws: ShardError.irregularSlurmArray(SlurmArray(id: 3, minimum: 0, maximum: 6, step: 2, count: 4))) {
            try Shard(slurmArray: Self.environment(id: 3, minimum: 0, maximum: 6, step: 2, count: 4))
        }
    }

    @Test func aOneTaskArrayIsRefusedRatherThanRunTheWholeSweep() {
        // A resubmission with --array=1 of task 1 of --array=0-3.
        let error = #expect(throws: ShardError.self) {
            try Shard(slurmArray: Self.environment(id: 1, minimum: 1, maximum: 1, step: 1, count: 1))
        }
        #expect(error == .oneTaskSlurmArray(SlurmArray(id: 1, minimum: 1, maximum: 1, step: 1, count: 1)))
        #expect(error?.description.contains("--shard K/N with K = (ID − MIN) / STEP + 1") == true)
    }

    @Test func missingAndUnusableVariablesAreErrorsNotTraps() {
        var environment = Self.environment(id: 1, minimum: 0, maximum: 3, step: 1, count: 4)
        #expect(throws: ShardError.notInSlurmArray) { try Shard(slurmArray: [:]) }
        environment["SLURM_ARRAY_TASK_STEP"] = nil
        #expect(throws: ShardError.missingEnvironment(name: "SLURM_ARRAY_TASK_STEP")) { try Shard(slurmArray: environment) }
        for bad in ["99999999999999999999", "-1", "1.5", "", " 1"] {
            environment["SLURM_ARRAY_TASK_STEP"] = bad
            #expect(throws: ShardError.badEnvironment(name: "SLURM_ARRAY_TASK_STEP", value: bad)) { try Shard(slurmArray: environment) }
        }
        // The largest numbers: differences and counts must not overflow.
        let top = Int.max
        for (id, minimum, maximum, step, count) in [(top, 0, top, 1, top), (top, 0, top, top, 2), (0, 0, top, 1, top), (top, top, top, 1, 1)] {
            let array = SlurmArray(id: id, minimum: minimum, maximum: maximum, step: step, count: count)
            let environment = Self.environment(id: id, minimum: minimum, maximum: maximum, step: step, count: count)
            #expect((try? Shard(slurmArray: environment)) == (step == top ? try! Shard(index: 2, count: 2) : nil),
                    "\(array)")
        }
        #expect(throws: ShardError.irregularSlurmArray(SlurmArray(id: 1, minimum: 0, maximum: 3, step: 0, count: 4))) {
            try Shard(slurmArray: Self.environment(id: 1, minimum: 0, maximum: 3, step: 0, count: 4))
        }
    }

    @Test func theShardArgumentReadsSlurmOnlyWhenAskedTo() throws {
        let environment = Self.environment(id: 2, minimum: 0, maximum: 3, step: 1, count: 4)
        #expect(try Shard(argument: "slurm", environment: environment) == Shard(index: 3, count: 4))
        #expect(try Shard(argument: "1/2", environment: environment) == Shard(index: 1, count: 2))
        #expect(throws: ShardError.notInSlurmArray) { try Shard(argument: "slurm", environment: [:]) }
        #expect(throws: ShardError.malformed("Slurm")) { try Shard(argument: "Slurm", environment: environment) }
    }
}

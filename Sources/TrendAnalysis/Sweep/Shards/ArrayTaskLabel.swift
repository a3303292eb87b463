/// Which Slurm array task wrote a sweep output, as `JOBID_TASKID` (Slurm's own notation, e.g.
/// `4242_3`), from `SLURM_ARRAY_JOB_ID` and `SLURM_ARRAY_TASK_ID`. Only a label for messages:
/// it never chooses a shard.
public struct ArrayTaskLabel: Sendable, Equatable, CustomStringConvertible {
    /// The array job's id.
    public let jobID: String
    /// The task's id within the array.
    public let taskID: String

    /// The label of the array task the environment describes; nil outside an array task or when
    /// either variable is not a decimal number.
    public init?(environment: [String: String]) {
        guard let job = environment["SLURM_ARRAY_JOB_ID"], let task = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        self.init(jobID: job, taskID: task)
    }

    /// Reads `JOBID_TASKID`.
    init?(parsing text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(jobID: String(parts[0]), taskID: String(parts[1]))
    }

    private init?(jobID: String, taskID: String) {
        let isNumber = { (text: String) in !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        guard isNumber(jobID), isNumber(taskID) else { return nil }
        self.jobID = jobID
        self.taskID = taskID
    }

    /// `JOBID_TASKID`.
    public var description: String { "\(jobID)_\(taskID)" }
}

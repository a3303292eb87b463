/// A shard that cannot be read or does not exist.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    /// Not `K/N`.
    case malformed(String)
    /// K is outside 1…N, or N < 1.
    case outOfRange(index: Int, count: Int)
    /// `--shard slurm` outside a Slurm job array.
    case notInSlurmArray
    /// A Slurm array variable is unset while `SLURM_ARRAY_TASK_ID` is set.
    case missingEnvironment(name: String)
    /// A Slurm variable is not a usable number.
    case badEnvironment(name: String, value: String)
    /// The array is not an evenly spaced range holding the task (a list such as `--array=0,3,7`).
    case irregularSlurmArray(SlurmArray)
    /// The array has one task (a resubmission such as `--array=5`).
    case oneTaskSlurmArray(SlurmArray)

    public var description: String {
        switch self {
        case .malformed(let text):
            "invalid shard '\(text)': expected K/N, e.g. 2/8 (K from 1 to N), or 'slurm' in a Slurm job array"
        case .outOfRange(let index, let count):
            "invalid shard \(index)/\(count): K must be from 1 to N and N at least 1"
        case .notInSlurmArray:
            "--shard slurm: SLURM_ARRAY_TASK_ID is not set, so this is not a task of a Slurm job array "
                + "(submit with sbatch --array=0-N), or give --shard K/N"
        case .missingEnvironment(let name):
            "--shard slurm: \(name) is not set; a Slurm job array task has SLURM_ARRAY_TASK_ID, _MIN, _MAX, _STEP and _COUNT"
        case .badEnvironment(let name, let value):
            "--shard slurm: \(name)='\(value)' is not a whole number from 0 to \(Int.max)"
        case .irregularSlurmArray(let array):
            "--shard slurm: the array's \(array.count) task\(array.count == 1 ? "" : "s") (IDs \(array.minimum) to "
                + "\(array.maximum), step \(array.step)) are not the evenly spaced range MIN-MAX:STEP that holds task "
                + "\(array.id), so the task's shard is not defined (a list such as --array=0,3,7 gives no step). "
                + "Submit a range such as --array=0-\(max(array.count - 1, 0)), or give each task --shard K/N explicitly"
        case .oneTaskSlurmArray(let array):
            "--shard slurm: the array has one task (\(array.id)), which cannot tell which shard of a larger array it "
                + "reruns; to rerun a task of an array MIN-MAX:STEP of N tasks give --shard K/N with "
                + "K = (ID − MIN) / STEP + 1 (or requeue the task with scontrol requeue JOBID_TASK); "
                + "to run the whole sweep in one job leave --shard out"
        }
    }
}

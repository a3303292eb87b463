/// Computes stratified or cluster case-resampling replicates (`ResampleGroups`) one at a time.
///
/// The drawn positions are listed first (in draw order), then `ReplicateSolver`'s row pass runs
/// over them as over an ordinary case resample of that many rows, and its solve finishes the
/// replicate: the kernel `bootstrap_grouped_replicates` (`Kernels/bootstrap_groups.cl`) performs
/// the same draws and the same row operations in the same order, so the two backends are bitwise
/// equal. Sendable because it only reads buffers that stay unchanged while replicates run.
struct GroupedCaseSolver<Real: KernelScalar>: @unchecked Sendable {
    /// The solver whose buffers, row pass and solve the replicates use.
    let solver: ReplicateSolver<Real>
    let grouping: CaseGrouping
    /// `ResampleGroups.offsets` and `.layout`.
    let offsets: UnsafePointer<Int32>
    let layout: UnsafePointer<Int32>

    /// Working memory of one thread beyond the solver's: the drawn positions.
    struct Positions {
        let values: UnsafeMutablePointer<UInt32>

        /// Allocates room for `maxDrawnRows` positions.
        init(maxDrawnRows: Int) { values = .allocate(capacity: max(1, maxDrawnRows)) }

        /// Frees the memory.
        func deallocate() { values.deallocate() }
    }

    /// Computes replicate `replicate` of problem `problem` as `ReplicateSolver.run` does for
    /// ordinary case resamples (with `errors`, its standard errors too). `scratch` must hold the
    /// words of `ResampleGroups.maxDrawnRows` rows.
    func run(problem: Int, replicate: Int, output: UnsafeMutablePointer<Real>, residualSum: UnsafeMutablePointer<Real>?,
             errors: UnsafeMutablePointer<Real>?, scratch: ReplicateSolver<Real>.Scratch,
             positions: Positions) -> ReplicateStatus {
        let (rowStart, rowCount, hasIntercept, q, shift, streamProblem, threshold) = solver.layout(of: problem)
        let stream = ReplicateStream(seed: solver.seed, problem: streamProblem, replicate: solver.firstReplicate + replicate)
        let drawn = draw(problem: problem, rowCount: rowCount, stream: stream, words: scratch.words, into: positions.values)
        if solver.jitter != 0 { stream.fillWords(scratch.jitterWords, blockCount: (drawn + 3) / 4, purpose: .jitter) }
        let pass = RowPass(design: solver.design + rowStart * solver.designStride,
                           weights: solver.weights.map { $0 + rowStart }, rowCount: drawn, q: q, shift: shift,
                           jitter: solver.jitter, jitterWords: scratch.jitterWords, threshold: threshold,
                           sums: scratch.sums, cross: scratch.cross, seen: scratch.seen)
        let accumulated = pass.run(CaseDraw<Real>(indices: positions.values), stride: solver.designStride)
        if accumulated.distinct < threshold { return .tooFewDistinctRows }
        if hasIntercept
            && solver.hasConstantRegressor(q: q, weightSum: accumulated.weightSum, indices: positions.values,
                                           rowStart: rowStart, rowCount: drawn, scratch: scratch) {
            return .rankDeficient
        }
        let positiveRows = errors == nil ? 0
            : solver.positiveWeightRows(rowCount: drawn, positions: UnsafePointer(positions.values),
                                        weights: solver.weights.map { $0 + rowStart })
        return solver.solve(q: q, hasIntercept: hasIntercept, weightSum: accumulated.weightSum, shift: shift,
                            output: output, residualSum: residualSum, errors: errors, positiveRows: positiveRows,
                            scratch: scratch)
    }

    /// Writes the positions of the resample to `positions` in draw order; returns their number.
    private func draw(problem: Int, rowCount: Int, stream: ReplicateStream, words: UnsafeMutablePointer<UInt32>,
                      into positions: UnsafeMutablePointer<UInt32>) -> Int {
        let entry = layout + Int(offsets[problem])
        let units = Int(entry[0])
        let bounds = entry + 1
        let members = entry + 1 + 2 * units
        var drawn = 0
        switch grouping {
        case .strata:
            stream.fillWords(words, blockCount: (rowCount + 3) / 4, purpose: .rowIndex)
            for unit in 0..<units {
                let start = Int(bounds[2 * unit])
                let size = Int(bounds[2 * unit + 1])
                for _ in 0..<size {
                    let member = ReplicateStream.index(words[drawn], count: UInt32(size))
                    positions[drawn] = UInt32(members[start + member])
                    drawn += 1
                }
            }
        case .clusters:
            stream.fillWords(words, blockCount: (units + 3) / 4, purpose: .rowIndex)
            for u in 0..<units {
                let unit = ReplicateStream.index(words[u], count: UInt32(units))
                let start = Int(bounds[2 * unit])
                for i in 0..<Int(bounds[2 * unit + 1]) {
                    positions[drawn] = UInt32(members[start + i])
                    drawn += 1
                }
            }
        case .none:
            preconditionFailure("ordinary case resamples take ReplicateSolver.run")
        }
        return drawn
    }
}

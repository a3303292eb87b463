/// Four replicates of one problem computed together: for designs of stride 2 (q ≤ 1) and, at
/// any stride, for the fixed-design schemes (`FixedDesignRowPass`).
///
/// The row loop carries the four replicates' accumulators side by side, so that their add
/// chains (independent of each other) overlap in the pipeline instead of each row waiting on
/// the previous row's additions. Each replicate's accumulators see exactly the operations, in
/// the same order, that `RowPass.accumulate` performs for it alone, so the
/// results are bitwise those of `run` (and of `Kernels/bootstrap.cl`). The distinct-row count
/// (case resampling) is taken in a separate pass that stops at the threshold, giving the same
/// count as the row loop's tracking.
extension ReplicateSolver {
    /// Replicates `runInterleaved` computes per call on every path but `runCaseRows`.
    static var interleavedReplicates: Int { 4 }

    /// Replicates `runInterleaved` computes per call at most (`runCaseRows` with AVX-512).
    static var maxInterleavedReplicates: Int { 8 }

    /// Replicates `runInterleaved` computes per call for this batch when a full group is left:
    /// `caseRowSlots` where replicates run in C (`runCaseRows`, `runsCasePairs`, `runsFixedPairs`),
    /// else `interleavedReplicates`.
    var interleavedSlots: Int {
        runsCaseRows || runsCasePairs || runsFixedPairs ? caseRowSlots : Self.interleavedReplicates
    }

    /// Whether case resampling of one-regressor problems runs in C (`runCasePairs`): double
    /// precision, designs of stride 2.
    var runsCasePairs: Bool {
        scheme == .cases && Real.self == Double.self && designStride == KernelABI.pairDesignStride
    }

    /// Whether case resampling runs its row loop in C (`runCaseRows`): designs of stride 4 or 8, in
    /// double or single precision.
    var runsCaseRows: Bool {
        scheme == .cases && designStride > KernelABI.pairDesignStride && designStride <= 8
    }

    /// Whether `runInterleaved` applies to this batch: fixed-design schemes, case resampling where
    /// every problem's row fits in a `SIMD2`, and where it fits in a `SIMD8` (`runCaseRows`).
    var interleaves: Bool {
        designStride == KernelABI.pairDesignStride || scheme != .cases || runsCaseRows
    }

    /// Computes replicates `replicate ..< replicate + slots` of problem `problem` (`slots`:
    /// `interleavedSlots` or `interleavedReplicates`); replicate `r` writes its coefficients to
    /// `output + r · outputStride`, its residual sum of squares to `residualSum + r` (when given), its status to
    /// `status + r` and, when `errors` is given, its standard errors to `errors + r · outputStride`.
    @inline(__always)
    func runInterleaved(problem: Int, replicate: Int, slots: Int, output: UnsafeMutablePointer<Real>, outputStride: Int,
                        residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                        errors: UnsafeMutablePointer<Real>? = nil, scratch: Scratch) {
        let (rowStart, rowCount, hasIntercept, q, shift, streamProblem, threshold) = layout(of: problem)
        if runsCasePairs && q == 1
            && runCasePairs(rowStart: rowStart, rowCount: rowCount, hasIntercept: hasIntercept, threshold: threshold,
                            shift: shift, streamProblem: streamProblem, replicate: replicate, slots: slots,
                            output: output, outputStride: outputStride, residualSum: residualSum, status: status,
                            errors: errors, scratch: scratch) {
            return
        }
        if runsFixedPairs && q == 1
            && runFixedPairs(problem: problem, rowStart: rowStart, rowCount: rowCount, hasIntercept: hasIntercept,
                             shift: shift, streamProblem: streamProblem, replicate: replicate, slots: slots,
                             output: output, outputStride: outputStride, residualSum: residualSum, status: status,
                             errors: errors, scratch: scratch) {
            return
        }
        if !runsCaseRows && slots > Self.interleavedReplicates {
            // A group of `caseRowSlots` that `runCasePairs` or `runFixedPairs` left (an intercept-only
            // problem, an empty residual pool, or a CPU without the instructions for that many): four
            // at a time.
            for group in stride(from: 0, to: slots, by: Self.interleavedReplicates) {
                runInterleaved(problem: problem, replicate: replicate + group, slots: Self.interleavedReplicates,
                               output: output + group * outputStride, outputStride: outputStride,
                               residualSum: residualSum.map { $0 + group }, status: status + group,
                               errors: errors.map { $0 + group * outputStride }, scratch: scratch)
            }
            return
        }
        for r in 0..<slots {
            let stream = ReplicateStream(seed: seed, problem: streamProblem, replicate: firstReplicate + replicate + r)
            fillDrawWords(stream, words: scratch.words + r * scratch.wordStride,
                          jitterWords: scratch.jitterWords + r * scratch.wordStride, problem: problem, rowCount: rowCount)
        }
        if runsCaseRows {
            runCaseRows(problem: problem, replicate: replicate, slots: slots, rowStart: rowStart, rowCount: rowCount,
                        hasIntercept: hasIntercept, q: q, threshold: threshold, shift: shift, output: output,
                        outputStride: outputStride, residualSum: residualSum, status: status, errors: errors,
                        scratch: scratch)
            return
        }
        if scheme != .cases && designStride > KernelABI.pairDesignStride {
            runFixedDesign(problem: problem, rowStart: rowStart, rowCount: rowCount, hasIntercept: hasIntercept, q: q,
                           shift: shift, output: output, outputStride: outputStride, residualSum: residualSum,
                           status: status, errors: errors, scratch: scratch)
            return
        }
        let pass = InterleavedRowPass(design: design + rowStart * KernelABI.pairDesignStride, weights: weights.map { $0 + rowStart },
                                      rowCount: rowCount, q: q, shift: shift, jitter: jitter,
                                      jitterWords: UnsafePointer(scratch.jitterWords), wordStride: scratch.wordStride)
        let states = runDraws(pass, rowStart: rowStart, scratch: scratch)
        finish(states.0, slot: 0, q: q, hasIntercept: hasIntercept, threshold: threshold, rowStart: rowStart, rowCount: rowCount,
               shift: shift, output: output, residualSum: residualSum, status: status, errors: errors,
               scratch: scratch)
        finish(states.1, slot: 1, q: q, hasIntercept: hasIntercept, threshold: threshold, rowStart: rowStart, rowCount: rowCount,
               shift: shift, output: output + outputStride, residualSum: residualSum.map { $0 + 1 }, status: status + 1,
               errors: errors.map { $0 + outputStride }, scratch: scratch)
        finish(states.2, slot: 2, q: q, hasIntercept: hasIntercept, threshold: threshold, rowStart: rowStart, rowCount: rowCount,
               shift: shift, output: output + 2 * outputStride, residualSum: residualSum.map { $0 + 2 }, status: status + 2,
               errors: errors.map { $0 + 2 * outputStride }, scratch: scratch)
        finish(states.3, slot: 3, q: q, hasIntercept: hasIntercept, threshold: threshold, rowStart: rowStart, rowCount: rowCount,
               shift: shift, output: output + 3 * outputStride, residualSum: residualSum.map { $0 + 3 }, status: status + 3,
               errors: errors.map { $0 + 3 * outputStride }, scratch: scratch)
    }

    /// Copies slot `slot`'s accumulated sums into `scratch` and finishes it (`finishSlot`).
    @inline(__always)
    private func finish(_ state: InterleavedRowPass<Real>.State, slot: Int, q: Int, hasIntercept: Bool, threshold: Int,
                        rowStart: Int, rowCount: Int, shift: UnsafePointer<Real>, output: UnsafeMutablePointer<Real>,
                        residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                        errors: UnsafeMutablePointer<Real>?, scratch: Scratch) {
        let width = q + 1
        for j in 0..<width {
            scratch.sums[j] = state.sums[j]
            for k in j..<width { scratch.cross[j * width + k] = j == 0 ? state.row0[k] : state.row1[k] }
        }
        finishSlot(slot, q: q, hasIntercept: hasIntercept, threshold: threshold, weightSum: state.weightSum,
                   rowStart: rowStart, rowCount: rowCount, shift: shift, output: output, residualSum: residualSum,
                   status: status, errors: errors, scratch: scratch)
    }

    /// Checks the distinct rows and constant regressors of slot `slot` (case resampling) and solves
    /// its sums, which are in `scratch`, writing its status.
    @inline(__always)
    func finishSlot(_ slot: Int, q: Int, hasIntercept: Bool, threshold: Int, weightSum: Real, rowStart: Int,
                    rowCount: Int, shift: UnsafePointer<Real>, output: UnsafeMutablePointer<Real>,
                    residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                    errors: UnsafeMutablePointer<Real>?, scratch: Scratch) {
        if scheme == .cases {
            let indices = scratch.words + slot * scratch.wordStride
            var distinct = 0
            var t = 0
            while t < rowCount && distinct < threshold {
                let position = Int(indices[t])
                var found = false
                for s in 0..<distinct where scratch.seen[s] == position { found = true }
                if !found { scratch.seen[distinct] = position; distinct += 1 }
                t += 1
            }
            if distinct < threshold {
                status.pointee = ReplicateStatus.tooFewDistinctRows.rawValue
                return
            }
        }
        if scheme == .cases && hasIntercept
            && hasConstantRegressor(q: q, weightSum: weightSum, indices: scratch.words + slot * scratch.wordStride,
                                    rowStart: rowStart, rowCount: rowCount, scratch: scratch) {
            status.pointee = ReplicateStatus.rankDeficient.rawValue
            return
        }
        solveSlot(slot, q: q, hasIntercept: hasIntercept, weightSum: weightSum, rowStart: rowStart,
                  rowCount: rowCount, shift: shift, output: output, residualSum: residualSum, status: status,
                  errors: errors, scratch: scratch)
    }

    /// Solves the sums in `scratch` of slot `slot`, writing its status.
    @inline(__always)
    private func solveSlot(_ slot: Int, q: Int, hasIntercept: Bool, weightSum: Real, rowStart: Int, rowCount: Int,
                           shift: UnsafePointer<Real>, output: UnsafeMutablePointer<Real>,
                           residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                           errors: UnsafeMutablePointer<Real>?, scratch: Scratch) {
        let positiveRows = errors == nil ? 0
            : positiveWeightRows(rowCount: rowCount, positions: scheme == .cases ? scratch.words + slot * scratch.wordStride : nil,
                                 weights: weights.map { $0 + rowStart })
        status.pointee = solve(q: q, hasIntercept: hasIntercept, weightSum: weightSum, shift: shift,
                               output: output, residualSum: residualSum, errors: errors, positiveRows: positiveRows,
                               scratch: scratch).rawValue
    }

    /// `runInterleaved` for a fixed-design scheme (words drawn): the problem's `DesignBlock`, then
    /// `FixedDesignRowPass` for the four slots, each finished by `solveResponse` from the block's
    /// factored regressors and its own response sums (or given the block's status).
    @inline(__always)
    private func runFixedDesign(problem: Int, rowStart: Int, rowCount: Int, hasIntercept: Bool, q: Int,
                                shift: UnsafePointer<Real>, output: UnsafeMutablePointer<Real>, outputStride: Int,
                                residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                                errors: UnsafeMutablePointer<Real>?, scratch: Scratch) {
        let rows = design + rowStart * designStride
        let rowWeights = weights.map { $0 + rowStart }
        let block = scratch.designBlock
        block.load(problem: problem, design: rows, designStride: designStride, weights: rowWeights, rowCount: rowCount,
                   q: q, hasIntercept: hasIntercept)
        if block.status.pointee != .ok {
            for slot in 0..<Self.interleavedReplicates { status[slot] = block.status.pointee.rawValue }
            return
        }
        let pass = FixedDesignRowPass(design: rows, weights: rowWeights, rowCount: rowCount, q: q,
                                      designStride: designStride, responseShift: shift[q], jitter: jitter,
                                      jitterWords: UnsafePointer(scratch.jitterWords), wordStride: scratch.wordStride,
                                      responseSums: scratch.responseSums, responseColumns: scratch.responseColumns)
        runDraws(pass, rowStart: rowStart, scratch: scratch)
        let positiveRows = errors == nil ? 0 : positiveWeightRows(rowCount: rowCount, positions: nil, weights: rowWeights)
        let width = q + 1
        for slot in 0..<Self.interleavedReplicates {
            for j in 0..<q {
                scratch.sums[j] = block.sums[j]
                scratch.means[j] = block.means[j]
                scratch.scales[j] = block.scales[j]
                for k in j..<q { scratch.cross[j * width + k] = block.cross[j * width + k] }
                scratch.cross[j * width + q] = scratch.responseColumns[slot * width + j]
            }
            scratch.sums[q] = scratch.responseSums[slot]
            scratch.cross[q * width + q] = scratch.responseColumns[slot * width + q]
            solveResponse(q: q, hasIntercept: hasIntercept, weightSum: block.weightSum.pointee, shift: shift,
                          output: output + slot * outputStride, residualSum: residualSum.map { $0 + slot },
                          errors: errors.map { $0 + slot * outputStride }, positiveRows: positiveRows, scratch: scratch)
            status[slot] = ReplicateStatus.ok.rawValue
        }
    }

    /// Runs `pass` with the four slots' draws of the plan's scheme (words in `scratch`).
    @inline(__always)
    @discardableResult
    private func runDraws<Pass: InterleavedPass>(_ pass: Pass, rowStart: Int, scratch: Scratch) -> Pass.Output
    where Pass.Real == Real {
        let words = UnsafePointer(scratch.words)
        let stride = scratch.wordStride
        switch scheme {
        case .cases:
            return pass.run((CaseDraw<Real>(indices: words), CaseDraw<Real>(indices: words + stride),
                             CaseDraw<Real>(indices: words + 2 * stride), CaseDraw<Real>(indices: words + 3 * stride)))
        case .residuals:
            let f = fitted + rowStart, e = residuals + rowStart, scales = residualScales.map { $0 + rowStart }
            return pass.run((ResidualDraw(indices: words, fitted: f, residuals: e, scales: scales),
                             ResidualDraw(indices: words + stride, fitted: f, residuals: e, scales: scales),
                             ResidualDraw(indices: words + 2 * stride, fitted: f, residuals: e, scales: scales),
                             ResidualDraw(indices: words + 3 * stride, fitted: f, residuals: e, scales: scales)))
        case .wild where wildWeights == .rademacher:
            let f = fitted + rowStart, e = residuals + rowStart
            return pass.run((WildDraw(words: words, fitted: f, residuals: e),
                             WildDraw(words: words + stride, fitted: f, residuals: e),
                             WildDraw(words: words + 2 * stride, fitted: f, residuals: e),
                             WildDraw(words: words + 3 * stride, fitted: f, residuals: e)))
        case .wild:
            let f = fitted + rowStart, e = residuals + rowStart
            func draw(_ slot: Int) -> WildWeightDraw<Real> {
                WildWeightDraw(words: words + slot * stride, fitted: f, residuals: e, weights: wildWeights, values: wildValues)
            }
            return pass.run((draw(0), draw(1), draw(2), draw(3)))
        }
    }
}

/// A row loop over four replicates of one problem, given their draws.
protocol InterleavedPass {
    associatedtype Real: KernelScalar
    associatedtype Output
    /// Accumulates the four replicates' sums.
    func run<Draw: ResampleDraw>(_ draws: (Draw, Draw, Draw, Draw)) -> Output where Draw.Real == Real
}

/// The row loop of four replicates of a stride-2 problem (see `ReplicateSolver.runInterleaved`).
struct InterleavedRowPass<Real: KernelScalar>: InterleavedPass {
    let design: UnsafePointer<Real>
    let weights: UnsafePointer<Real>?
    let rowCount: Int
    let q: Int
    let shift: UnsafePointer<Real>
    let jitter: Real
    /// Jitter words of slot 0; slot `r` at `+ r · wordStride`.
    let jitterWords: UnsafePointer<UInt32>
    let wordStride: Int

    /// One replicate's accumulators: S, the two rows of M, and W.
    struct State {
        var sums = SIMD2<Real>()
        var row0 = SIMD2<Real>()
        var row1 = SIMD2<Real>()
        var weightSum: Real = 0
    }

    typealias States = (State, State, State, State)

    @inline(__always)
    func run<Draw: ResampleDraw>(_ draws: (Draw, Draw, Draw, Draw)) -> States where Draw.Real == Real {
        switch (jitter == 0, weights == nil) {
        case (true, true): accumulate(draws, RowLoop<RowSwitch.Off, RowSwitch.Off>.self)
        case (true, false): accumulate(draws, RowLoop<RowSwitch.Off, RowSwitch.On>.self)
        case (false, true): accumulate(draws, RowLoop<RowSwitch.On, RowSwitch.Off>.self)
        case (false, false): accumulate(draws, RowLoop<RowSwitch.On, RowSwitch.On>.self)
        }
    }

    @inline(__always)
    private func accumulate<Draw: ResampleDraw, M: RowMode>(_ draws: (Draw, Draw, Draw, Draw), _: M.Type) -> States
    where Draw.Real == Real {
        if q == 1 { return accumulatePairs(draws, M.self) }
        let responseLane = SIMD2<Real>(0, 1) .== SIMD2<Real>(repeating: Real(q))
        let responseShift = shift[q]
        let shiftVector = SIMD2<Real>().replacing(with: responseShift, where: responseLane)
        let saturation = 1 << (Real.significandBitCount + 1)
        var states = (State(), State(), State(), State())
        if !M.Weights.isOn {
            let count = Real(min(rowCount, saturation))
            states.0.weightSum = count; states.1.weightSum = count; states.2.weightSum = count; states.3.weightSum = count
        }
        let jitter0 = jitterWords, jitter1 = jitterWords + wordStride
        let jitter2 = jitterWords + 2 * wordStride, jitter3 = jitterWords + 3 * wordStride
        for t in 0..<rowCount {
            step(draws.0, jitter0, t, &states.0, M.self, responseLane, responseShift, shiftVector)
            step(draws.1, jitter1, t, &states.1, M.self, responseLane, responseShift, shiftVector)
            step(draws.2, jitter2, t, &states.2, M.self, responseLane, responseShift, shiftVector)
            step(draws.3, jitter3, t, &states.3, M.self, responseLane, responseShift, shiftVector)
        }
        return states
    }

    /// Two replicates' sums for q = 1, one replicate per lane: W, Sx, Sy, Mxx, Mxy, Myy.
    struct PairSums {
        var weightSum = SIMD2<Real>()
        var sx = SIMD2<Real>()
        var sy = SIMD2<Real>()
        var sxx = SIMD2<Real>()
        var sxy = SIMD2<Real>()
        var syy = SIMD2<Real>()

        /// Lane `lane` as `RowPass`'s row form (`row1[0]`, below the diagonal, is never read).
        @inline(__always)
        func state(_ lane: Int, weightSum: Real?) -> State {
            State(sums: SIMD2(sx[lane], sy[lane]), row0: SIMD2(sxx[lane], sxy[lane]), row1: SIMD2(0, syy[lane]),
                  weightSum: weightSum ?? self.weightSum[lane])
        }
    }

    /// The q = 1 loop in structure-of-arrays form: replicates (0, 1) and (2, 3) share vectors
    /// lane-wise. Lane by lane these are `step`'s operations on the values it keeps: the
    /// regressor lane of `d` is x itself (its shift is applied in `CentredDesign`, and `x − 0`
    /// is x), `(w·x)·y` is `row0[1]` and `(w·y)·y` is `row1[1]`.
    @inline(__always)
    private func accumulatePairs<Draw: ResampleDraw, M: RowMode>(_ draws: (Draw, Draw, Draw, Draw), _: M.Type) -> States
    where Draw.Real == Real {
        if !Draw.drawsRows { return accumulateFixedPairs(draws, M.self) }
        let responseShift = SIMD2<Real>(repeating: shift[1])
        var first = PairSums(), second = PairSums()
        let jitter0 = jitterWords, jitter1 = jitterWords + wordStride
        let jitter2 = jitterWords + 2 * wordStride, jitter3 = jitterWords + 3 * wordStride
        for t in 0..<rowCount {
            pairStep(draws.0, draws.1, jitter0, jitter1, t, &first, M.self, responseShift)
            pairStep(draws.2, draws.3, jitter2, jitter3, t, &second, M.self, responseShift)
        }
        let saturation = 1 << (Real.significandBitCount + 1)
        let count: Real? = M.Weights.isOn ? nil : Real(min(rowCount, saturation))
        return (first.state(0, weightSum: count), first.state(1, weightSum: count),
                second.state(0, weightSum: count), second.state(1, weightSum: count))
    }

    /// The q = 1 loop of a fixed design (residual and wild resampling), the four replicates in the
    /// lanes of `SIMD4`s: all four have row t's x and weight, broadcast; only the response differs.
    /// Lane by lane these are `pairStep`'s operations.
    @inline(__always)
    private func accumulateFixedPairs<Draw: ResampleDraw, M: RowMode>(_ draws: (Draw, Draw, Draw, Draw), _: M.Type)
        -> States where Draw.Real == Real {
        let responseShift = SIMD4<Real>(repeating: shift[1])
        let jitter0 = jitterWords, jitter1 = jitterWords + wordStride
        let jitter2 = jitterWords + 2 * wordStride, jitter3 = jitterWords + 3 * wordStride
        var weightSum = SIMD4<Real>(), sx = SIMD4<Real>(), sy = SIMD4<Real>()
        var sxx = SIMD4<Real>(), sxy = SIMD4<Real>(), syy = SIMD4<Real>()
        for t in 0..<rowCount {
            let x = SIMD4<Real>(repeating: design[2 * t])
            var y = SIMD4<Real>(draws.0.response(t), draws.1.response(t), draws.2.response(t), draws.3.response(t))
            if M.Jitter.isOn {
                let unit = SIMD4<Real>(ReplicateStream.symmetricUnit(jitter0[t]), ReplicateStream.symmetricUnit(jitter1[t]),
                                       ReplicateStream.symmetricUnit(jitter2[t]), ReplicateStream.symmetricUnit(jitter3[t]))
                y = y + SIMD4(repeating: jitter) * unit
            }
            let dy = y - responseShift
            var wx = x, wy = dy
            if M.Weights.isOn, let weights {
                let w = SIMD4<Real>(repeating: weights[t])
                weightSum = weightSum + w
                wx = w * x
                wy = w * dy
            }
            sx = sx + wx
            sy = sy + wy
            sxx = sxx + wx * x
            sxy = sxy + wx * dy
            syy = syy + wy * dy
        }
        let saturation = 1 << (Real.significandBitCount + 1)
        let count: Real? = M.Weights.isOn ? nil : Real(min(rowCount, saturation))
        func state(_ lane: Int) -> State {
            State(sums: SIMD2(sx[lane], sy[lane]), row0: SIMD2(sxx[lane], sxy[lane]), row1: SIMD2(0, syy[lane]),
                  weightSum: count ?? weightSum[lane])
        }
        return (state(0), state(1), state(2), state(3))
    }

    @inline(__always)
    private func pairStep<Draw: ResampleDraw, M: RowMode>(_ drawA: Draw, _ drawB: Draw, _ jitterA: UnsafePointer<UInt32>,
                                                          _ jitterB: UnsafePointer<UInt32>, _ t: Int,
                                                          _ sums: inout PairSums, _: M.Type, _ responseShift: SIMD2<Real>)
    where Draw.Real == Real {
        let positionA = drawA.position(t), positionB = drawB.position(t)
        let rowA = UnsafeRawPointer(design + positionA * 2).loadUnaligned(as: SIMD2<Real>.self)
        let rowB = UnsafeRawPointer(design + positionB * 2).loadUnaligned(as: SIMD2<Real>.self)
        let x = SIMD2(rowA[0], rowB[0])
        var y = Draw.drawsRows ? SIMD2(rowA[1], rowB[1]) : SIMD2(drawA.response(t), drawB.response(t))
        if M.Jitter.isOn {
            let unit = SIMD2<Real>(ReplicateStream.symmetricUnit(jitterA[t]), ReplicateStream.symmetricUnit(jitterB[t]))
            y = y + SIMD2(repeating: jitter) * unit
        }
        let dy = y - responseShift
        var wx = x, wy = dy
        if M.Weights.isOn, let weights {
            let w = SIMD2(weights[positionA], weights[positionB])
            sums.weightSum = sums.weightSum + w
            wx = w * x
            wy = w * dy
        }
        sums.sx = sums.sx + wx
        sums.sy = sums.sy + wy
        sums.sxx = sums.sxx + wx * x
        sums.sxy = sums.sxy + wx * dy
        sums.syy = sums.syy + wy * dy
    }

    /// Row `t` of one replicate: exactly `RowPass.accumulate`'s operations for `SIMD2`.
    @inline(__always)
    private func step<Draw: ResampleDraw, M: RowMode>(_ draw: Draw, _ jitterWords: UnsafePointer<UInt32>, _ t: Int,
                                                      _ state: inout State, _: M.Type, _ responseLane: SIMDMask<SIMD2<Real.SIMDMaskScalar>>,
                                                      _ responseShift: Real, _ shiftVector: SIMD2<Real>)
    where Draw.Real == Real {
        let position = draw.position(t)
        var d = UnsafeRawPointer(design + position * 2).loadUnaligned(as: SIMD2<Real>.self)
        if Draw.drawsRows && !M.Jitter.isOn {
            d = d - shiftVector
        } else {
            var response = Draw.drawsRows ? d[q] : draw.response(t)
            if M.Jitter.isOn { response = response + jitter * ReplicateStream.symmetricUnit(jitterWords[t]) }
            d = d.replacing(with: response - responseShift, where: responseLane)
        }
        var weighted = d
        if M.Weights.isOn, let weights {
            let w = weights[position]
            state.weightSum = state.weightSum + w
            weighted = SIMD2(repeating: w) * d
        }
        state.sums = state.sums + weighted
        state.row0 = state.row0 + SIMD2(repeating: weighted[0]) * d
        state.row1 = state.row1 + SIMD2(repeating: weighted[1]) * d
    }
}

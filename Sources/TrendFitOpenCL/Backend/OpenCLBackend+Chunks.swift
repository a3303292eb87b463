import TrendFit

extension OpenCLBackend {
    /// Draws the plan's replicates in chunks of at most `replicatesPerCall` resamples in one
    /// pipelined launch sequence, handing each chunk to `body` with the resamples before it.
    ///
    /// The kernel, its inputs and the double-buffered outputs are set up once; chunk `k + 1`'s
    /// first launch runs on the device while chunk `k` is read back and `body` works on it
    /// (`ChunkReadback`), so at most two launches are in flight. The chunks are bitwise those of
    /// `RegressionBackend`'s default (one `bootstrap` call per chunk). When `body` throws or the
    /// device fails, the sequence stops, waits for what it had queued, releases its buffers and
    /// rethrows; no chunk after it is drawn.
    public func bootstrapChunks(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                                _ body: (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void) throws {
        try checkSupport(precision)
        switch precision {
        case .double: try bootstrapChunks(PreparedBootstrap<Double>(batch, plan: plan), resamplesPerChunk: replicatesPerCall, body)
        case .float: try bootstrapChunks(PreparedBootstrap<Float>(batch, plan: plan), resamplesPerChunk: replicatesPerCall, body)
        }
    }

    private func bootstrapChunks<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>, resamplesPerChunk: Int,
                                                     _ body: (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void) throws {
        let resamples = prepared.plan.resamples, perChunk = min(max(1, resamplesPerChunk), resamples)
        let chunks = stride(from: 0, to: resamples, by: perChunk).map { done in
            prepared.chunk(resamples: min(perChunk, resamples - done), after: done)
        }
        guard prepared.replicateCount > 0 else {
            // No problem, no launch: every chunk is empty.
            for (index, chunk) in chunks.enumerated() { try body(try chunk.replicates(chunk.makeOutput()), index * perChunk) }
            return
        }
        let problems = prepared.batch.problemCount
        let task = "bootstrapping \(problems) problem\(problems == 1 ? "" : "s") × \(resamples) resamples in chunks of \(perChunk)"
        try checkDeviceMemory(prepared)
        let failure = try withoutActuallyEscaping(body) { body throws(TrendFitError) in
            try onDevice(task) { () throws(OpenCLError) -> (any Error)? in
                var readback: ChunkReadback<Real>?
                try launchBootstrap(prepared, resamplesPerChunk: perChunk) { shape in
                    let consumer = ChunkReadback(chunks: chunks, shape: shape, context: context, body: body)
                    readback = consumer
                    return consumer
                }
                return readback?.failure
            }
        }
        if let failure { throw failure }
    }
}

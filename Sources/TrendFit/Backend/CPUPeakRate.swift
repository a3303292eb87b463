import Dispatch
import Foundation

/// Measures the CPU's arithmetic peak as this build reaches it.
///
/// Every core runs eight independent chains of unfused SIMD multiply-adds (`a = a·m + c`,
/// 16-byte vectors, the widest this build's baseline instruction set has), the same kind of
/// arithmetic as the replicate solver without fused multiply-adds. A device with wider vectors
/// or FMA has a higher nominal peak than this measures.
public enum CPUPeakRate {
    /// Floating-point operations per second on `threads` threads, measured for about `seconds`.
    public static func measure(_ precision: Precision, seconds: Double = 0.2, threads: Int = CPUAllowance.available()) -> Double {
        switch precision {
        case .double: measure(lanes: 2, seconds: seconds, threads: threads) { _ = spin(SIMD2<Double>.self, iterations: $0) }
        case .float: measure(lanes: 4, seconds: seconds, threads: threads) { _ = spin(SIMD4<Float>.self, iterations: $0) }
        }
    }

    /// Times `spin` on one core to size the run, then on `threads` threads at once.
    private static func measure(lanes: Int, seconds: Double, threads: Int, spin: @escaping @Sendable (Int) -> Void) -> Double {
        var iterations = 1 << 16
        while elapsed({ spin(iterations) }) < seconds / 8 && iterations < 1 << 40 {
            iterations *= 2
        }
        let perThread = iterations * 8
        let wall = elapsed { ParallelLoop.run(iterations: threads, threads: threads) { _ in spin(perThread) } }
        return Double(threads) * Double(perThread) * 8 * 2 * Double(lanes) / wall
    }

    /// Runs `iterations` rounds of eight multiply-add chains; returns their sum so none is dropped.
    @inline(never)
    private static func spin<V: SIMD>(_ type: V.Type, iterations: Int) -> V.Scalar where V.Scalar: BinaryFloatingPoint {
        let m = V(repeating: 0.999_999)
        let c = V(repeating: 0.000_001)
        var a0 = V(repeating: 0.1), a1 = V(repeating: 0.2), a2 = V(repeating: 0.3), a3 = V(repeating: 0.4)
        var a4 = V(repeating: 0.5), a5 = V(repeating: 0.6), a6 = V(repeating: 0.7), a7 = V(repeating: 0.8)
        for _ in 0..<iterations {
            a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c
            a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).sum()
    }

    private static func elapsed(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        return start.duration(to: clock.now).inSeconds
    }
}

/// A floating-point type the engine computes in (`Double` or `Float`), with its tolerances.
public protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
    /// A fit is rank-deficient when a diagonal entry of R is at most this times its column's norm.
    static var rankTolerance: Self { get }
    /// A replicate is rank-deficient when a pivot of its equilibrated cross-product matrix
    /// (unit diagonal) is at most this times the equilibrated uncentred diagonal entry.
    static var pivotTolerance: Self { get }
    /// The precision this type computes in.
    static var precision: Precision { get }
}

extension Double: KernelScalar {
    public static var rankTolerance: Double { 1e-9 }
    public static var pivotTolerance: Double { 1e-11 }
    public static var precision: Precision { .double }
}

extension Float: KernelScalar {
    public static var rankTolerance: Float { 1e-4 }
    public static var pivotTolerance: Float { 1e-5 }
    public static var precision: Precision { .float }
}

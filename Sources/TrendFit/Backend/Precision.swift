/// Floating-point precision of the arithmetic in fits and resamples.
public enum Precision: String, Sendable, CaseIterable {
    /// IEEE binary64: the default, needed for certified accuracy.
    case double
    /// IEEE binary32, for devices without `cl_khr_fp64`; data are centred before accumulation.
    case float
}

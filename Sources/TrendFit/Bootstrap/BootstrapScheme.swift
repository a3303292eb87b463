/// How a bootstrap resample is drawn from a problem's rows.
public enum BootstrapScheme: String, Sendable, CaseIterable {
    /// Case (pairs) resampling: n rows drawn with replacement, regressors and response together.
    case cases
    /// Residual resampling: fixed design, response = fitted + a drawn modified residual
    /// (residual / sqrt(1 − leverage), centred), as in Davison & Hinkley (1997), §6.2.3; with
    /// weights the pool is √w·residual / sqrt(1 − leverage) over rows of positive weight, and a
    /// drawn one is divided by √w of its target row.
    case residuals
    /// Wild bootstrap: fixed design, response = fitted + v × modified residual, v drawn from
    /// the plan's `WildWeights` (Rademacher ±1 by default, Mammen or Webb).
    case wild
}

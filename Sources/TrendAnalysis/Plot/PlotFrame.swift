/// The plot area of a chart in pixels and the data ranges it shows: decimal years across,
/// log10 values up.
struct PlotFrame {
    /// Left edge in pixels.
    var left: Double
    /// Right edge in pixels.
    var right: Double
    /// Top edge in pixels.
    var top: Double
    /// Bottom edge in pixels.
    var bottom: Double
    /// Decimal years from the left edge to the right edge.
    var years: ClosedRange<Double>
    /// log10 values from the bottom edge to the top edge.
    var log10Values: ClosedRange<Double>

    /// Horizontal pixel position of a decimal year.
    func x(_ year: Double) -> Double {
        left + (year - years.lowerBound) / (years.upperBound - years.lowerBound) * (right - left)
    }

    /// Vertical pixel position of a log10 value.
    func y(_ log10Value: Double) -> Double {
        bottom - (log10Value - log10Values.lowerBound) / (log10Values.upperBound - log10Values.lowerBound) * (bottom - top)
    }

    /// Whether a pixel position lies in the rectangle with top-left corner (`x`, `y`) and the given size.
    static func point(_ point: (x: Double, y: Double), isIn rectangle: (x: Double, y: Double, width: Double, height: Double)) -> Bool {
        point.x >= rectangle.x && point.x <= rectangle.x + rectangle.width
            && point.y >= rectangle.y && point.y <= rectangle.y + rectangle.height
    }
}

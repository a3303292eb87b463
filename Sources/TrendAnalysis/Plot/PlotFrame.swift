/// The plot area of a chart in pixels and the data ranges it shows across (x) and up (y).
struct PlotFrame {
    /// Left edge in pixels.
    var left: Double
    /// Right edge in pixels.
    var right: Double
    /// Top edge in pixels.
    var top: Double
    /// Bottom edge in pixels.
    var bottom: Double
    /// Data values from the left edge to the right edge (decimal years in a trend plot).
    var xRange: ClosedRange<Double>
    /// Data values from the bottom edge to the top edge (log10 values in a trend plot).
    var yRange: ClosedRange<Double>

    /// Horizontal pixel position of a data value.
    func x(_ value: Double) -> Double {
        left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (right - left)
    }

    /// Vertical pixel position of a data value.
    func y(_ value: Double) -> Double {
        bottom - (value - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (bottom - top)
    }

    /// Whether a pixel position lies in the rectangle with top-left corner (`x`, `y`) and the given size.
    static func point(_ point: (x: Double, y: Double), isIn rectangle: (x: Double, y: Double, width: Double, height: Double)) -> Bool {
        point.x >= rectangle.x && point.x <= rectangle.x + rectangle.width
            && point.y >= rectangle.y && point.y <= rectangle.y + rectangle.height
    }
}

import Foundation

/// Draws how the doubling time responds to one swept setting: for each period, the doubling time
/// of one subset at each of the setting's values, as a line with its bootstrap interval as a band.
/// Every other swept setting stays at its first value (the subtitle says which values these are).
public struct SweepPlot: Sendable {
    /// The sweep.
    public let spec: SweepSpec
    /// Index of the dimension along the x axis.
    public let dimension: Int
    /// The subset drawn.
    public let subset: Subset
    private var points: [Point] = []

    /// One drawn estimate.
    private struct Point: Sendable {
        var period: Int
        var x: Double
        var doubling: Double
        var low: Double
        var high: Double
    }

    private static let colors = ["#1b7a3e", "#7b2f9e", "#c62828", "#0d47a1", "#e07b00", "#00838f", "#5d4037", "#ad1457"]

    /// A plot of `spec`'s dimension `dimension` for `subset`; rows are added with `add`.
    public init(spec: SweepSpec, dimension: Int, subset: Subset) {
        precondition(spec.dimensions.indices.contains(dimension), "the plotted setting is swept")
        self.spec = spec
        self.dimension = dimension
        self.subset = subset
    }

    /// Keeps the rows of the drawn subset whose other swept settings are at their first value.
    public mutating func add(_ rows: [SweepRow]) {
        for row in rows where row.comparison == nil && row.trend.subset == subset {
            guard let estimate = row.trend.estimate, estimate.doublingMonths.isFinite else { continue }
            let indices = spec.grid.valueIndices(of: row.configuration)
            guard indices.indices.allSatisfy({ $0 == dimension || indices[$0] == 0 }) else { continue }
            let interval = estimate.doublingInterval
            points.append(Point(period: row.periodIndex, x: position(indices[dimension]), doubling: estimate.doublingMonths,
                                low: interval?.low ?? estimate.doublingMonths, high: interval?.high ?? estimate.doublingMonths))
        }
    }

    /// The configurations the plot draws: each value of the plotted setting, the others at their first value.
    public var drawnConfigurations: [Int] {
        spec.dimensions[dimension].values.indices.map { valueIndex in
            var indices = Array(repeating: 0, count: spec.dimensions.count)
            indices[dimension] = valueIndex
            return spec.grid.configuration(valueIndices: indices)
        }
    }

    /// Whether no estimate has been drawn.
    public var isEmpty: Bool { points.isEmpty }

    /// Whether the setting's values are categories (domains, filters) rather than numbers or dates.
    private var isCategorical: Bool {
        let kind = spec.dimensions[dimension].setting.kind
        return kind == .domain || kind == .filter
    }

    /// The x value of the setting's value `valueIndex`: a decimal year, a number or a category's position.
    private func position(_ valueIndex: Int) -> Double {
        switch spec.dimensions[dimension].values[valueIndex] {
        case .date(let date): spec.conventions.year(of: date)
        case .number(let number): number
        case .domain, .filter: Double(valueIndex)
        }
    }

    /// The chart as an SVG document.
    public func svg(width: Double = 1000, height: Double = 620) -> String {
        let setting = spec.dimensions[dimension]
        let xs = setting.values.indices.map(position)
        let span = xs.max()! - xs.min()!
        let xPadding = isCategorical || span == 0 ? 0.5 : span * 0.03
        let finite = points.flatMap { [$0.doubling, $0.low, $0.high] }.filter(\.isFinite)
        let largestEstimate = points.map { abs($0.doubling) }.max() ?? 1
        let yLow = min(0, finite.min() ?? 0)
        let yHigh = min(finite.max() ?? 1, 3 * largestEstimate)
        let frame = PlotFrame(left: 84, right: width - 28, top: 92, bottom: height - 70,
                              xRange: (xs.min()! - xPadding)...(xs.max()! + xPadding),
                              yRange: yLow...(yHigh + max(yHigh - yLow, 1) * 0.05))
        var svg = SVGWriter(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, attributes: "fill=\"white\"")
        drawTitle(&svg)
        drawAxes(&svg, frame: frame)
        svg.add("<clipPath id=\"plot-area\"><rect x=\"\(frame.left)\" y=\"\(frame.top)\" width=\"\(frame.right - frame.left)\" height=\"\(frame.bottom - frame.top)\"/></clipPath>")
        svg.add("<g clip-path=\"url(#plot-area)\">")
        let periods = Array(Set(points.map(\.period))).sorted()
        func clamped(_ value: Double) -> Double { min(max(value, frame.yRange.lowerBound - 1e6), frame.yRange.upperBound + 1e6) }
        for (order, period) in periods.enumerated() {
            let color = Self.colors[order % Self.colors.count]
            let series = points.filter { $0.period == period }.sorted { $0.x < $1.x }
            let upper = series.map { (x: frame.x($0.x), y: frame.y(clamped($0.high))) }
            let lower = series.map { (x: frame.x($0.x), y: frame.y(clamped($0.low))) }
            svg.path(upper + lower.reversed(), closed: true, attributes: "fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"")
            svg.path(series.map { (x: frame.x($0.x), y: frame.y($0.doubling)) }, closed: false,
                     attributes: "fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.2\"")
            for point in series {
                svg.circle(x: frame.x(point.x), y: frame.y(point.doubling), radius: 2.8, attributes: "fill=\"\(color)\"")
            }
        }
        svg.add("</g>")
        svg.rect(x: frame.left, y: frame.top, width: frame.right - frame.left, height: frame.bottom - frame.top,
                 attributes: "fill=\"none\" stroke=\"#444\" stroke-width=\"1\"")
        let longest = periods.map { spec.periods[$0].name.count }.max() ?? 0
        if !periods.isEmpty {
            svg.rect(x: frame.left + 6, y: frame.top + 6, width: Double(longest) * 6.9 + 46, height: Double(periods.count) * 18 + 8,
                     attributes: "fill=\"white\" fill-opacity=\"0.85\" stroke=\"#bbb\" rx=\"4\"")
        }
        for (order, period) in periods.enumerated() {
            let color = Self.colors[order % Self.colors.count]
            let y = frame.top + 18 + Double(order) * 18
            svg.line(x1: frame.left + 12, y1: y, x2: frame.left + 34, y2: y, attributes: "stroke=\"\(color)\" stroke-width=\"2.5\"")
            svg.text(spec.periods[period].name, x: frame.left + 40, y: y + 4, attributes: "font-size=\"12.5\" fill=\"#222\"")
        }
        return svg.document
    }

    private func drawTitle(_ svg: inout SVGWriter) {
        let name = spec.dimensions[dimension].name
        svg.text("Doubling time against \(name)", x: 84, y: 34, attributes: "font-size=\"21\" font-weight=\"bold\" fill=\"#222\"")
        let others = spec.dimensions.indices.filter { $0 != dimension && spec.dimensions[$0].values.count > 1 }
            .map { "\(spec.dimensions[$0].name) = \(spec.dimensions[$0].values[0].label)" }
        let attributes = "font-size=\"12.5\" fill=\"#555\""
        svg.text("Subset \(subset.rawValue); lines: least-squares doubling time per period; bands: "
                 + "\((spec.bootstrap.confidence * 100).compactDescription)% bootstrap intervals (\(spec.bootstrap.resamples) resamples).",
                 x: 84, y: 56, attributes: attributes)
        svg.text(others.isEmpty ? "Only \(name) is swept." : "Other swept settings at their first value: \(others.joined(separator: ", ")).",
                 x: 84, y: 73, attributes: attributes)
    }

    private func drawAxes(_ svg: inout SVGWriter, frame: PlotFrame) {
        let setting = spec.dimensions[dimension]
        let ticks: [(value: Double, label: String)]
        switch setting.setting.kind {
        case .date:
            ticks = AxisTicks.years(in: frame.xRange).map { ($0, String(Int($0))) }
        case .number:
            ticks = Self.niceTicks(frame.xRange).map { ($0, $0.compactDescription) }
        case .domain, .filter:
            ticks = setting.values.enumerated().map { (Double($0), $1.label) }
        }
        for tick in ticks {
            let x = frame.x(tick.value)
            svg.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, attributes: "stroke=\"#e6e6e6\" stroke-width=\"1\"")
            svg.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 5, attributes: "stroke=\"#444\"")
            svg.text(tick.label, x: x, y: frame.bottom + 20, attributes: "font-size=\"13\" text-anchor=\"middle\" fill=\"#333\"")
        }
        for tick in Self.niceTicks(frame.yRange) {
            let y = frame.y(tick)
            svg.line(x1: frame.left, y1: y, x2: frame.right, y2: y, attributes: "stroke=\"#e6e6e6\" stroke-width=\"1\"")
            svg.line(x1: frame.left - 5, y1: y, x2: frame.left, y2: y, attributes: "stroke=\"#444\"")
            svg.text(tick.compactDescription, x: frame.left - 10, y: y + 5, attributes: "font-size=\"13\" text-anchor=\"end\" fill=\"#333\"")
        }
        svg.text(setting.name, x: (frame.left + frame.right) / 2, y: frame.bottom + 48,
                 attributes: "font-size=\"14\" text-anchor=\"middle\" fill=\"#222\"")
        let middle = (frame.top + frame.bottom) / 2
        svg.text("Doubling time, months", x: 24, y: middle,
                 attributes: "font-size=\"14\" text-anchor=\"middle\" fill=\"#222\" transform=\"rotate(-90 24 \(middle))\"")
    }

    /// Ticks at multiples of 1, 2, 2.5 or 5 × a power of ten, at most 11 in `range`.
    private static func niceTicks(_ range: ClosedRange<Double>) -> [Double] {
        let span = max(range.upperBound - range.lowerBound, 1e-12)
        let magnitude = pow(10, (log10(span / 10)).rounded(.down))
        return AxisTicks.ticks(in: range, steps: [1, 2, 2.5, 5, 10, 20].map { $0 * magnitude }, maximumCount: 11)
            .map { Double(String(format: "%.12g", $0))! }
    }
}

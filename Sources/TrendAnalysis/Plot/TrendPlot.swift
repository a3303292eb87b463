import Foundation

/// Draws a `TrendReport` as an SVG chart: systems as points on a log scale (large-scale and outliers
/// marked apart), each period's fitted line with its pointwise bootstrap band, date and power-of-ten
/// axes, a legend placed where it hides the fewest points, and a title.
public struct TrendPlot: Sendable {
    /// The report to draw.
    public var report: TrendReport
    /// Subsets whose era rows get a line and band.
    public var subsets: [Subset]
    /// Width of the image in pixels.
    public var width: Double
    /// Height of the image in pixels.
    public var height: Double

    /// Creates a plot of `report`, drawing the rows of `subsets`.
    public init(report: TrendReport, subsets: [Subset] = [.all], width: Double = 1100, height: Double = 700) {
        self.report = report
        self.subsets = subsets
        self.width = width
        self.height = height
    }

    private static let lineColors = ["#1b7a3e", "#7b2f9e", "#c62828", "#0d47a1", "#e07b00", "#00838f", "#5d4037", "#ad1457"]
    private static let regularStyle = "fill=\"#6f8fbf\" fill-opacity=\"0.55\" stroke=\"#6f8fbf\" stroke-width=\"0.6\""
    private static let largeStyle = "fill=\"#f28e2b\" fill-opacity=\"0.85\" stroke=\"#9c4a00\" stroke-width=\"0.8\""
    private static let outlierStyle = "stroke=\"#9a9a9a\" stroke-width=\"1.4\""

    /// A plotted trend: its row, colour, fitted end points and band.
    private struct Line {
        var row: TrendRow
        var estimate: TrendEstimate
        var color: String
        var firstYear: Double
        var lastYear: Double
        var band: TrendBand?

        func fitted(_ year: Double) -> Double { estimate.intercept + estimate.slope * year }
    }

    /// The chart as an SVG document.
    public func svg() -> String {
        let conventions = report.settings.conventions
        let systems = report.selection.systems
        let years = systems.map { conventions.year(of: $0.system.date) }
        let logs = systems.map(\.log10Value)
        let yearPadding = max(0.2, (years.max()! - years.min()!) * 0.02)
        let frame = PlotFrame(left: 92, right: width - 28, top: 90, bottom: height - 62,
                              xRange: (years.min()! - yearPadding)...(years.max()! + yearPadding),
                              yRange: (logs.min()! - 0.25).rounded(.down)...(logs.max()! + 0.25).rounded(.up))
        let lines = plottedLines()

        var svg = SVGWriter(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, attributes: "fill=\"white\"")
        drawTitle(&svg, firstYear: systems.first!.system.date.components.year, lastYear: systems.last!.system.date.components.year)
        drawAxes(&svg, frame: frame)
        svg.add("<clipPath id=\"plot-area\"><rect x=\"\(frame.left)\" y=\"\(frame.top)\" width=\"\(frame.right - frame.left)\" height=\"\(frame.bottom - frame.top)\"/></clipPath>")
        svg.add("<g clip-path=\"url(#plot-area)\">")
        for line in lines {
            guard let band = line.band else { continue }
            let upper = zip(band.years, band.high).map { (x: frame.x($0), y: frame.y($1)) }
            let lower = zip(band.years, band.low).map { (x: frame.x($0), y: frame.y($1)) }
            svg.path(upper + lower.reversed(), closed: true, attributes: "fill=\"\(line.color)\" fill-opacity=\"0.2\" stroke=\"none\"")
        }
        drawPoints(&svg, systems: systems, years: years, frame: frame)
        for line in lines {
            for style in ["stroke=\"white\" stroke-width=\"5\" stroke-opacity=\"0.8\"", "stroke=\"\(line.color)\" stroke-width=\"2.5\""] {
                svg.line(x1: frame.x(line.firstYear), y1: frame.y(line.fitted(line.firstYear)),
                         x2: frame.x(line.lastYear), y2: frame.y(line.fitted(line.lastYear)),
                         attributes: style + " stroke-linecap=\"round\"")
            }
        }
        svg.add("</g>")
        svg.rect(x: frame.left, y: frame.top, width: frame.right - frame.left, height: frame.bottom - frame.top,
                 attributes: "fill=\"none\" stroke=\"#444\" stroke-width=\"1\"")
        let occupied = zip(years, logs).map { (x: frame.x($0), y: frame.y($1)) } + lines.flatMap { line in
            (0...40).map { step -> (x: Double, y: Double) in
                let year = line.firstYear + (line.lastYear - line.firstYear) * Double(step) / 40
                return (x: frame.x(year), y: frame.y(line.fitted(year)))
            }
        }
        drawLegend(&svg, frame: frame, lines: lines, occupied: occupied)
        return svg.document
    }

    /// Era rows of the plotted subsets that have an estimate, each with its colour and band.
    private func plottedLines() -> [Line] {
        let conventions = report.settings.conventions
        let rows = report.rows.filter { subsets.contains($0.subset) }
        return rows.compactMap { row in row.estimate.map { (row, $0) } }.enumerated().map { index, fitted in
            let (row, estimate) = fitted
            let firstYear = conventions.year(of: row.firstDate)
            let lastYear = conventions.year(of: row.lastDate)
            return Line(row: row, estimate: estimate, color: Self.lineColors[index % Self.lineColors.count],
                        firstYear: firstYear, lastYear: lastYear,
                        band: TrendBand(estimate: estimate, firstYear: firstYear, lastYear: lastYear,
                                        confidence: report.settings.bootstrap.confidence))
        }
    }

    private func drawTitle(_ svg: inout SVGWriter, firstYear: Int, lastYear: Int) {
        let span = firstYear == lastYear ? "\(firstYear)" : "\(firstYear)–\(lastYear)"
        svg.text("\(report.dataset.columns.value) over time, \(span)", x: 92, y: 34,
                 attributes: "font-size=\"21\" font-weight=\"bold\" fill=\"#222\"")
        let bootstrap = report.settings.bootstrap
        let attributes = "font-size=\"12.5\" fill=\"#555\""
        svg.text("\(report.selection.systems.count) systems from \(report.dataset.source).", x: 92, y: 56, attributes: attributes)
        svg.text("Lines: least-squares fits of log10(value) on date, one per period; shaded bands: pointwise "
                 + "\((bootstrap.confidence * 100).compactDescription)% bootstrap intervals (\(bootstrap.resamples) resamples).",
                 x: 92, y: 73, attributes: attributes)
    }

    private func drawAxes(_ svg: inout SVGWriter, frame: PlotFrame) {
        for year in AxisTicks.years(in: frame.xRange) {
            let x = frame.x(year)
            svg.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, attributes: "stroke=\"#e6e6e6\" stroke-width=\"1\"")
            svg.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 5, attributes: "stroke=\"#444\"")
            svg.text(String(Int(year)), x: x, y: frame.bottom + 20, attributes: "font-size=\"13\" text-anchor=\"middle\" fill=\"#333\"")
        }
        for decade in AxisTicks.decades(in: frame.yRange) {
            let y = frame.y(decade)
            svg.line(x1: frame.left, y1: y, x2: frame.right, y2: y, attributes: "stroke=\"#e6e6e6\" stroke-width=\"1\"")
            svg.line(x1: frame.left - 5, y1: y, x2: frame.left, y2: y, attributes: "stroke=\"#444\"")
            svg.text("10<tspan dy=\"-7\" font-size=\"10\">\(Int(decade))</tspan>", x: frame.left - 10, y: y + 5,
                     attributes: "font-size=\"13\" text-anchor=\"end\" fill=\"#333\"", markup: true)
        }
        svg.text("Publication date", x: (frame.left + frame.right) / 2, y: frame.bottom + 46,
                 attributes: "font-size=\"14\" text-anchor=\"middle\" fill=\"#222\"")
        let middle = (frame.top + frame.bottom) / 2
        svg.text("\(report.dataset.columns.value), log scale", x: 24, y: middle,
                 attributes: "font-size=\"14\" text-anchor=\"middle\" fill=\"#222\" transform=\"rotate(-90 24 \(middle))\"")
    }

    /// Regular systems first, then outliers, then large-scale systems on top.
    private func drawPoints(_ svg: inout SVGWriter, systems: [ClassifiedSystem], years: [Double], frame: PlotFrame) {
        for scale in [ScaleClass.regular, .outlier, .large] {
            for (system, year) in zip(systems, years) where system.scale == scale {
                drawMarker(&svg, scale: scale, x: frame.x(year), y: frame.y(system.log10Value))
            }
        }
    }

    /// A system's marker: a blue dot, an orange disc for large-scale, a grey cross for an outlier.
    private func drawMarker(_ svg: inout SVGWriter, scale: ScaleClass, x: Double, y: Double) {
        switch scale {
        case .regular:
            svg.circle(x: x, y: y, radius: 3.2, attributes: Self.regularStyle)
        case .large:
            svg.circle(x: x, y: y, radius: 4.2, attributes: Self.largeStyle)
        case .outlier:
            svg.line(x1: x - 3.5, y1: y - 3.5, x2: x + 3.5, y2: y + 3.5, attributes: Self.outlierStyle)
            svg.line(x1: x - 3.5, y1: y + 3.5, x2: x + 3.5, y2: y - 3.5, attributes: Self.outlierStyle)
        }
    }

    /// The legend, in the corner of the plot area that covers the fewest `occupied` positions.
    private func drawLegend(_ svg: inout SVGWriter, frame: PlotFrame, lines: [Line], occupied: [(x: Double, y: Double)]) {
        let classifier = report.settings.classifier
        let markers: [(ScaleClass, String)] = [
            (.regular, "Regular-scale system"),
            (.large, "Large-scale (z ≥ \(classifier.largeZ.compactDescription) from \(classifier.largeFrom))"),
            (.outlier, "Outlier (z < \(classifier.outlierZ.compactDescription)), not fitted"),
        ]
        let entries = lines.map(legendText)
        let rowHeight = 19.0
        let longest = (markers.map(\.1) + entries).map(\.count).max() ?? 0
        let size = (width: Double(longest) * 6.9 + 46, height: Double(markers.count + entries.count) * rowHeight + 14)
        let margin = 12.0
        let corners = [
            (x: frame.left + margin, y: frame.top + margin),
            (x: frame.right - margin - size.width, y: frame.top + margin),
            (x: frame.right - margin - size.width, y: frame.bottom - margin - size.height),
            (x: frame.left + margin, y: frame.bottom - margin - size.height),
        ]
        let corner = corners.min { first, second in
            covered(occupied, by: (first.x, first.y, size.width, size.height))
                < covered(occupied, by: (second.x, second.y, size.width, size.height))
        }!
        svg.rect(x: corner.x, y: corner.y, width: size.width, height: size.height,
                 attributes: "fill=\"white\" fill-opacity=\"0.92\" stroke=\"#bbb\" rx=\"4\"")
        let symbolX = corner.x + 16
        let textX = corner.x + 34
        let textAttributes = "font-size=\"12.5\" fill=\"#222\""
        var rowY = corner.y + 7 + rowHeight / 2
        for (scale, text) in markers {
            drawMarker(&svg, scale: scale, x: symbolX, y: rowY)
            svg.text(text, x: textX, y: rowY + 4, attributes: textAttributes)
            rowY += rowHeight
        }
        for (entry, line) in zip(entries, lines) {
            svg.rect(x: symbolX - 11, y: rowY - 6, width: 22, height: 12, attributes: "fill=\"\(line.color)\" fill-opacity=\"0.2\"")
            svg.line(x1: symbolX - 11, y1: rowY, x2: symbolX + 11, y2: rowY, attributes: "stroke=\"\(line.color)\" stroke-width=\"2.5\"")
            svg.text(entry, x: textX, y: rowY + 4, attributes: textAttributes)
            rowY += rowHeight
        }
    }

    /// A legend line: period (and subset when several are drawn), slope, doubling time with interval, n.
    private func legendText(_ line: Line) -> String {
        let estimate = line.estimate
        let doubling = estimate.doublingMonths.isFinite ? estimate.doublingMonths.fixed(1) : "∞"
        let interval = estimate.doublingInterval.map { interval in
            " [" + [interval.low, interval.high].map { $0.isFinite ? $0.fixed(1) : "∞" }.joined(separator: "–") + "]"
        } ?? ""
        let subset = subsets.count > 1 ? " (\(line.row.subset.rawValue))" : ""
        return "\(line.row.period.name)\(subset): \(estimate.slope.fixed(2)) OOM/yr, doubling \(doubling)\(interval) months, n=\(line.row.n)"
    }

    /// Number of `positions` inside a rectangle.
    private func covered(_ positions: [(x: Double, y: Double)], by rectangle: (x: Double, y: Double, width: Double, height: Double)) -> Int {
        positions.reduce(0) { $0 + (PlotFrame.point($1, isIn: rectangle) ? 1 : 0) }
    }
}

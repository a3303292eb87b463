/// Builds an SVG document element by element; coordinates are in pixels from the top left.
struct SVGWriter {
    /// Document width in pixels.
    let width: Double
    /// Document height in pixels.
    let height: Double
    private var elements: [String] = []

    /// Starts an empty document of the given size.
    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends a raw element (already valid SVG).
    mutating func add(_ element: String) {
        elements.append(element)
    }

    /// Appends a line segment.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, attributes: String) {
        add("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" \(attributes)/>")
    }

    /// Appends a rectangle.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, attributes: String) {
        add("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" \(attributes)/>")
    }

    /// Appends a circle.
    mutating func circle(x: Double, y: Double, radius: Double, attributes: String) {
        add("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" \(attributes)/>")
    }

    /// Appends an open polyline or, with `closed`, a polygon through `points`.
    mutating func path(_ points: [(x: Double, y: Double)], closed: Bool, attributes: String) {
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        add("<\(closed ? "polygon" : "polyline") points=\"\(list)\" \(attributes)/>")
    }

    /// Appends text; `content` is escaped unless `markup` is true (for `<tspan>` superscripts).
    mutating func text(_ content: String, x: Double, y: Double, attributes: String = "", markup: Bool = false) {
        add("<text x=\"\(n(x))\" y=\"\(n(y))\" \(attributes)>\(markup ? content : Self.escaped(content))</text>")
    }

    /// The finished document.
    var document: String {
        let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
        return ([open] + elements.map { "  " + $0 } + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    /// `text` with XML's special characters escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most two decimals.
    private func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

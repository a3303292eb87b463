import Foundation

extension Double {
    /// The shortest text that reads back as this value, without a trailing `.0` for whole numbers.
    var compactDescription: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : description
    }

    /// The value with `digits` digits after the decimal point.
    func fixed(_ digits: Int) -> String {
        String(format: "%.\(digits)f", self)
    }

    /// The value in scientific notation with `digits` significant digits after the first, e.g. `3.1e+23`.
    func scientific(_ digits: Int) -> String {
        String(format: "%.\(digits)e", self)
    }
}

import HearthText

/// Writing values into the output buffer without building intermediate strings.
extension Array where Element == UInt8 {
    /// Appends `text` with `& < > " '` replaced by entities, so it is safe in HTML text and quoted attributes.
    mutating func appendHTMLEscaped(_ text: String) {
        HTMLEscaping.append(text, to: &self, apostrophe: true)
    }

    /// Appends text as is.
    mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends a whole number in decimal.
    mutating func appendDecimal(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digitCount = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digitCount += 1
        }
        // Digits come out last first, so make room and fill it from the end.
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var index = count - 1
        repeat {
            self[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }

    /// Appends a decimal number in its shortest exact form; whole numbers print without `.0`.
    mutating func appendNumber(_ number: Double) {
        // Below 2^53 every whole double is an exact integer, so printing it as one loses nothing.
        if number.rounded() == number, number.magnitude < 9_007_199_254_740_992 {
            appendDecimal(Int(number))
        } else {
            appendRaw(number.description)
        }
    }
}

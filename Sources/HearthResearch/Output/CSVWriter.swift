/// Writes RFC 4180 CSV into bytes a row at a time, so an export can hand each chunk on and keep memory flat.
///
/// Text that a spreadsheet would run as a formula (a field starting with =, +, -, @, tab, carriage return or NUL)
/// is written as text: prefixed with an apostrophe and quoted (Docs/research.md, "CSV exports"). Numbers are
/// written as numbers, so a negative change stays a number.
package struct CSVWriter: Sendable {
    /// One field of a row.
    package enum Field: Hashable, Sendable {
        case text(String)
        case integer(Int)
        /// Written in the shortest form that reads back as the same Double; a non-finite value is left empty.
        case number(Double)
        case empty
    }

    package private(set) var bytes: [UInt8] = []

    package init() {}

    /// Appends one record, ended by CRLF as RFC 4180 has it.
    package mutating func writeRow(_ fields: [Field]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            switch field {
            case .text(let text): writeText(text)
            case .integer(let value): bytes.append(contentsOf: String(value).utf8)
            case .number(let value): if value.isFinite { bytes.append(contentsOf: value.description.utf8) }
            case .empty: break
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Hands over what has been written and starts an empty buffer.
    package mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Bytes that start a formula in Excel, LibreOffice Calc or Google Sheets.
    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"),
                                                    UInt8(ascii: "@"), 0x09, 0x0D, 0x00]

    private mutating func writeText(_ text: String) {
        let utf8 = text.utf8
        let isFormula = utf8.first.map(Self.formulaStarts.contains) ?? false
        let needsQuotes = isFormula || utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if isFormula { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

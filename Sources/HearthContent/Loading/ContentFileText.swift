import Foundation
import HearthMarkdown

/// A content file's bytes as the loaders want them, whatever editor saved it: UTF-8 with no byte-order mark
/// and `\n` line ends.
///
/// Notepad starts UTF-8 files with a byte-order mark and Windows editors end lines with CR LF; both are
/// invisible to the author, so both are accepted rather than reported. The mark is dropped and every CR LF
/// or lone CR becomes LF (as XML 1.0 §2.11 does, and CommonMark counts a lone CR as a line end too), so
/// lines and columns are the ones the author's editor shows.
enum ContentFileText {
    /// Why a file's bytes cannot be read as text.
    enum Fault: Error, Equatable {
        /// Saved as UTF-16 (Notepad's "Unicode").
        case utf16
        /// Not UTF-8: the first byte that is not, after normalizing line ends.
        case notUTF8(SourcePosition)
    }

    /// The file's text, normalized, or where it stops being UTF-8.
    static func normalize(_ data: Data) -> Result<Data, Fault> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .failure(.utf16) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0x0D) { bytes = withLineFeeds(bytes) }
        if String(validating: bytes, as: UTF8.self) == nil, let bad = firstInvalidByte(in: bytes) {
            return .failure(.notUTF8(position(of: bad, in: bytes)))
        }
        return .success(Data(bytes))
    }

    /// `bytes` with CR LF and lone CR replaced by LF.
    private static func withLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0D {
                result.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                result.append(byte)
            }
            i += 1
        }
        return result
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence, if there is one.
    /// Run only once a file has already failed the standard library's check, to say where.
    static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and byte column of `offset`.
    private static func position(of offset: Int, in bytes: [UInt8]) -> SourcePosition {
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = 1 + bytes[..<offset].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        return SourcePosition(line: line, column: offset - lineStart + 1)
    }
}

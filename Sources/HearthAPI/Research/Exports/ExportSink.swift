import Foundation
import HearthHTTP
#if canImport(Glibc)
import Glibc
#endif

/// Where an export is written: a buffer emptied into a file a piece at a time, so memory stays flat however many
/// rows there are. For the API the file is a temporary one, unlinked at once and sent from its descriptor.
package struct ExportSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var written = 0

    /// Writes to `descriptor`, which the caller keeps and closes.
    package init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    package mutating func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    package mutating func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    package mutating func flush() throws {
        var start = 0
        while start < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ExportError(description: "cannot write the export: \(String(cString: strerror(errno)))") }
            start += n
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// An unlinked temporary file to write an export into, and the body that sends it once written.
    package static func temporaryFile() throws -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/hearth-export-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw ExportError(description: "cannot make a temporary file for the export") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }
}

/// An export that could not be written.
package struct ExportError: Error, CustomStringConvertible, Sendable {
    package var description: String
}

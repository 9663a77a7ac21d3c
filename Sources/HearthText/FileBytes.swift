#if canImport(Glibc)
import Glibc
#endif

/// Whole files read straight into byte arrays, with no intermediate `Data` copy (inputs may be megabytes).
package enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read; a file that shrinks while read gives what was there.
    package static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            offset += count
        }
        return offset == bytes.count ? bytes : Array(bytes[..<offset])
    }
}

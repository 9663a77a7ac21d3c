import Foundation

/// Debian's `gzip` and Python's zlib run as separate processes, so a bug shared by Hearth's encoder
/// and a decoder of ours cannot hide in the tests.
package enum GzipTool {
    /// Python's gzip module as a decompressor that writes to standard output.
    package static let python = ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())"]

    /// Decompresses `compressed` with an external tool (`gzip -dc` unless another is named).
    package static func decompress(_ compressed: [UInt8], with tool: [String] = ["gzip", "-dc"]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzip-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(compressed).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = tool + [file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "decompress", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(tool[0]): " + String(decoding: message, as: UTF8.self)])
        }
        return [UInt8](data)
    }

    /// `file` compressed by `gzip -6 -n`, the peer the encoder is compared with.
    package static func gzip6(_ file: URL) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-6", "-n", "-c", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `hearth` executable this test target depends on (so it is built first), and the repository it serves.
enum HearthBinary {
    static let url: URL = {
        let products = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        return products.appendingPathComponent("hearth")
    }()

    /// The repository, found from this file's path so tests run from any working directory.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `hearth` (or another program) to completion.
    static func run(_ arguments: [String], input: [UInt8] = [], executable: URL = url) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

/// A `hearth serve` child process on a free port, its output read as it comes.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var text = ""

    /// Starts `hearth serve` with `arguments` (add `--port 0`); `shell` wraps it, e.g. `ulimit -n 64 && exec`.
    init(_ arguments: [String], shell: String? = nil) throws {
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell + " \"$@\"", "sh", HearthBinary.url.path, "serve"] + arguments
        } else {
            process.executableURL = HearthBinary.url
            process.arguments = ["serve"] + arguments
        }
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.text += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
    }

    /// Everything printed so far.
    var printed: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }

    /// Waits (up to `seconds`) for a line matching `pattern` and returns its first capture group.
    func wait(for pattern: String, seconds: Double = 60) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let expression = try? NSRegularExpression(pattern: pattern)
        while Date() < deadline {
            let current = printed
            if let match = expression?.firstMatch(in: current, range: NSRange(current.startIndex..., in: current)),
               let range = Range(match.range(at: 1), in: current) {
                return String(current[range])
            }
            if !process.isRunning { return nil }
            usleep(50_000)
        }
        return nil
    }

    /// The port it serves on, once it says so.
    func port() -> Int? {
        wait(for: #"at http://127\.0\.0\.1:(\d+)/"#).flatMap(Int.init)
    }

    /// CPU seconds the process has used (user and system), from /proc.
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

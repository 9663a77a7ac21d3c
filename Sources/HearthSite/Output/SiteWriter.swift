import Foundation

/// Writes a site into a fresh folder beside the target and swaps it in only when every file is written.
///
/// A failed build therefore leaves the previous `_site/` exactly as it was.
public struct SiteWriter {
    public let destination: URL
    let staging: URL
    private(set) var written = 0

    /// Prepares an empty staging folder next to `destination` (same file system, so the swap is a rename).
    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes `bytes` at `path` (relative to the site root), creating folders as needed.
    public mutating func write(_ bytes: [UInt8], to path: String) throws {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        written += 1
    }

    public mutating func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Copies a file into the site.
    public mutating func copy(_ source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: url)
        written += 1
    }

    /// Replaces `destination` with the staged site.
    public func commit() throws {
        let fm = FileManager.default
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        if fm.fileExists(atPath: destination.path) {
            try fm.moveItem(at: destination, to: old)
        }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            // Put the previous site back before reporting.
            if fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        try? fm.removeItem(at: old)
    }

    /// Deletes the staging folder after a failed build.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}

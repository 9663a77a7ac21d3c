import Foundation
import HearthGzip
import HearthText
#if canImport(Glibc)
import Glibc
#endif

/// Writes a site into a second folder beside the target and swaps the two only when every file is written.
///
/// A failed build therefore leaves the previous `_site/` exactly as it was. The second folder
/// (`._site.swap`) is kept between builds and rewritten in place, so a rebuild overwrites files
/// rather than creating and deleting thousands of them — on ext4 that churn costs more than rendering.
package struct SiteWriter: Sendable {
    package let destination: URL
    /// Whether compressible files get a `.gz` copy beside them.
    package let gzip: Bool
    let staging: URL
    private(set) var written = 0
    /// Every file this build wrote, so files left from an older build can be removed before the swap.
    private var paths: Set<String> = []

    /// Prepares the swap folder next to `destination` (same file system, so the swap is a rename).
    package init(destination: URL, gzip: Bool = true) throws {
        self.destination = destination.standardizedFileURL
        self.gzip = gzip
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).swap")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    private var createdFolders: Set<String> = [""]

    /// Writes `bytes` at `path` (relative to the site root), and its gzip'd copy when worthwhile, creating folders as needed.
    package mutating func write(_ bytes: [UInt8], to path: String) throws {
        try prepareFolders(for: [path])
        record(try writeFileWithGzip(bytes, to: path))
    }

    /// Text formats worth compressing; images, fonts and PDFs are compressed already.
    static let compressible: Set<String> = ["html", "css", "js", "json", "svg", "xml", "txt"]
    /// Below this a file fits in a packet or two anyway, and a second file is not worth it.
    static let compressionThreshold = 1024

    /// Writes `bytes` at `path` and, for a compressible file over 1 KiB that gzip shrinks by at least a tenth,
    /// `path.gz` beside it; returns the paths written. Safe to call from several threads at once.
    ///
    /// Compressed at build time, not per request, so the server only picks a file. The swap folder holds
    /// the build before last: when a file is unchanged there and its `.gz` ends with this content's CRC-32
    /// and size, that `.gz` is kept rather than compressed again (the check also catches a `.gz` left by
    /// a failed build, whose trailer belongs to other content).
    package func writeFileWithGzip(_ bytes: [UInt8], to path: String) throws -> [String] {
        guard gzip, bytes.count > Self.compressionThreshold,
              let dot = path.lastIndex(of: "."), !path[dot...].contains("/"),
              Self.compressible.contains(path[path.index(after: dot)...].lowercased()) else {
            try writeFile(bytes, to: path)
            return [path]
        }
        let unchanged = readStaged(path) == bytes && Self.isGzip(readStaged(path + ".gz"), of: bytes)
        try writeFile(bytes, to: path)
        if unchanged { return [path, path + ".gz"] }
        let compressed = Gzip.compress(bytes)
        guard compressed.count * 10 <= bytes.count * 9 else { return [path] }
        try writeFile(compressed, to: path + ".gz")
        return [path, path + ".gz"]
    }

    /// Whether `gzip` is a gzip member whose trailer names `bytes`' CRC-32 and length.
    static func isGzip(_ gzip: [UInt8]?, of bytes: [UInt8]) -> Bool {
        guard let gzip, gzip.count >= 18, gzip[0] == 0x1F, gzip[1] == 0x8B, gzip[2] == 8 else { return false }
        let trailer = gzip.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return trailer == UInt64(UInt32(truncatingIfNeeded: bytes.count)) << 32 | UInt64(CRC32.checksum(bytes))
    }

    /// The file at `path` in the swap folder, if there is one.
    private func readStaged(_ path: String) -> [UInt8]? {
        FileBytes.read(staging.appendingPathComponent(path).path)
    }

    /// Creates the folders these files will go in, each once.
    package mutating func prepareFolders(for paths: [String]) throws {
        for path in paths {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            guard createdFolders.insert(folder).inserted else { continue }
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// Records files written by `writeFile` from several threads.
    package mutating func record(_ files: [String]) {
        written += files.count
        paths.formUnion(files)
    }

    /// Writes one file whose folder already exists; safe to call from several threads at once.
    package func writeFile(_ bytes: [UInt8], to path: String) throws {
        let full = staging.appendingPathComponent(path).path
        // Overwrite in place and trim afterwards: truncating first would free and reallocate every block.
        let descriptor = open(full, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if result < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, code: errno)
            }
            offset += result
        }
        guard ftruncate(descriptor, off_t(bytes.count)) == 0 else { throw WriteError(path: path, code: errno) }
    }

    /// A file that could not be written, with the system's reason.
    package struct WriteError: Error, CustomStringConvertible {
        package var path: String
        package var code: Int32
        package var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    package mutating func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Copies a file into the site.
    package mutating func copy(_ source: URL, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw WriteError(path: source.path, code: ENOENT)
        }
        try write([UInt8](data), to: path)
    }

    /// Removes what an older build left in the swap folder, then swaps it with `destination`.
    package func commit() throws {
        let fm = FileManager.default
        var stale: [String] = []
        var folders: [String] = []
        Self.walk(staging.path, relative: "") { item, isDirectory in
            if isDirectory { folders.append(item) } else if !paths.contains(item) { stale.append(item) }
        }
        for item in stale { try fm.removeItem(at: staging.appendingPathComponent(item)) }
        // Folders left empty by the removals go too, deepest first.
        for folder in folders.sorted(by: >) where (try? fm.contentsOfDirectory(atPath: staging.appendingPathComponent(folder).path))?.isEmpty == true {
            try fm.removeItem(at: staging.appendingPathComponent(folder))
        }
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old")
        try? fm.removeItem(at: old)
        let hadPrevious = fm.fileExists(atPath: destination.path)
        if hadPrevious { try fm.moveItem(at: destination, to: old) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        // The previous site becomes the next build's swap folder.
        if hadPrevious { try? fm.moveItem(at: old, to: staging) }
    }

    /// Lists a folder tree with readdir, whose entry types spare a stat call per file.
    private static func walk(_ path: String, relative: String, _ visit: (String, Bool) -> Void) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let item = relative.isEmpty ? name : relative + "/" + name
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isDirectory = stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            visit(item, isDirectory)
            if isDirectory { walk(path + "/" + name, relative: item, visit) }
        }
    }

    /// After a failed build: the swap folder holds a partial site, which the next build overwrites.
    package func abandon() {}

}

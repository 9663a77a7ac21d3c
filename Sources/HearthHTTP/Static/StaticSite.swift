import Foundation
import HearthText

/// A built site held in memory with its headers worked out in advance, so a GET is a lookup.
///
/// Where the build wrote `name.gz` beside `name`, that is `name`'s gzip'd representation, sent to
/// clients whose `Accept-Encoding` allows gzip; it is not a resource of its own.
package struct StaticSite: Sendable {
    /// One file, ready to send.
    package struct File: Sendable {
        package var body: [UInt8]
        package var contentType: String
        /// A strong validator from the file's modification time and size, quoted as HTTP wants.
        package var etag: String
        package var cacheControl: String
        /// The build's gzip'd copy, if it wrote one.
        package var gzip: [UInt8]?

        /// The gzip'd copy's validator: another representation needs another ETag, so caches never mix the two.
        package var gzipETag: String { String(etag.dropLast()) + "-gz\"" }
    }

    package private(set) var files: [String: File] = [:]

    /// Reads every regular file under `folder`; symbolic links that lead outside it are ignored.
    package init(folder: String) throws {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder])
        }
        var found: [String: (data: Data, modified: Int)] = [:]
        while let item = enumerator.nextObject() as? String {
            if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) || Self.isStoreFile(item) { continue }
            let real = URL(fileURLWithPath: root + "/" + item).resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(prefix) else { continue }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let data = FileManager.default.contents(atPath: real) else { continue }
            found[item] = (data, Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
        }
        for (item, (data, modified)) in found {
            // A variant is served only as its original's encoding; a .gz with no original is an ordinary file.
            if item.hasSuffix(".gz"), found[String(item.dropLast(3))] != nil { continue }
            // Like nginx: modification time and size, which change whenever a build rewrites the file.
            let etag = "\"\(String(modified, radix: 16))-\(String(data.count, radix: 16))\""
            files[item] = File(body: [UInt8](data), contentType: Self.contentType(for: item), etag: etag,
                               cacheControl: Self.cacheControl(for: item), gzip: found[item + ".gz"].map { [UInt8]($0.data) })
        }
    }

    /// The response for a GET or HEAD of `path`, honouring `If-None-Match` and choosing the gzip'd
    /// copy when the request's `Accept-Encoding` allows it.
    package func response(for path: String, ifNoneMatch: String?, acceptEncoding: String? = nil) -> HTTPResponse {
        guard let sitePath = RequestPath.sitePath(path) else {
            return HTTPResponse(status: .notFound, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not found\n".utf8))
        }
        guard let file = files[sitePath] ?? files[sitePath + "/index.html"] else {
            guard let page = files["404.html"] else {
                return HTTPResponse(status: .notFound, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not found\n".utf8))
            }
            return HTTPResponse(status: .notFound, headers: [("Content-Type", page.contentType), ("Cache-Control", "no-cache")], body: page.body)
        }
        let gzip = file.gzip.flatMap { Self.acceptsGzip(acceptEncoding) ? $0 : nil }
        let etag = gzip == nil ? file.etag : file.gzipETag
        var headers = [("Content-Type", file.contentType), ("ETag", etag), ("Cache-Control", file.cacheControl)]
        // Both representations say the answer depends on Accept-Encoding, so a shared cache keeps them apart.
        if file.gzip != nil { headers.append(("Vary", "Accept-Encoding")) }
        if Self.matches(ifNoneMatch, etag) {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        if let gzip {
            headers.append(("Content-Encoding", "gzip"))
            return HTTPResponse(status: .ok, headers: headers, body: gzip)
        }
        return HTTPResponse(status: .ok, headers: headers, body: file.body)
    }

    /// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header) or is `*`.
    static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { element in
            let tag = element.trimmingOptionalWhitespace
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// Whether an `Accept-Encoding` value allows gzip (RFC 9110, 12.5.3): its q-value, or else that of `*`,
    /// must be above 0, and not below an explicitly listed `identity`'s. No header means identity only.
    static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var gzip: Double?, any: Double?, identity: Double?
        for element in acceptEncoding.split(separator: ",") {
            let parts = element.split(separator: ";")
            let coding = parts.first?.trimmingOptionalWhitespace.lowercased() ?? ""
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(\.trimmingOptionalWhitespace)
                // An unreadable q-value counts as a refusal rather than a guess.
                if pair.count == 2, pair[0].lowercased() == "q" { quality = min(1, max(0, Double(pair[1]) ?? 0)) }
            }
            switch coding {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, quality)
            case "*": any = quality
            case "identity": identity = quality
            default: break
            }
        }
        let quality = gzip ?? any ?? 0
        return quality > 0 && quality >= (identity ?? 0)
    }

    /// A database, its log, journal or key: never served, whatever folder it was put in.
    static func isStoreFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return name.hasSuffix(".key") || name.hasSuffix(".key.new") || name.hasSuffix(".db")
            || [".sqlite", ".sqlite3", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".sqlite3-wal", ".sqlite3-shm", ".db-wal", ".db-shm"]
                .contains { name.hasSuffix($0) }
    }

    static func contentType(for path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "ico": return "image/x-icon"
        case "txt": return "text/plain; charset=utf-8"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "gz": return "application/gzip"
        default: return "application/octet-stream"
        }
    }

    /// Names carrying a 12-hex-digit content hash (`hearth.0123456789ab.css`) never change, so they may be cached for a year.
    static func cacheControl(for path: String) -> String {
        if HashedAssetName.isHashed(path) { return "public, max-age=31536000, immutable" }
        return "no-cache"
    }
}

import Foundation

/// A built site held in memory with its headers worked out in advance, so a GET is a lookup.
public struct StaticSite: Sendable {
    /// One file, ready to send.
    public struct File: Sendable {
        public var body: [UInt8]
        public var contentType: String
        /// A strong validator from the content hash, quoted as HTTP wants.
        public var etag: String
        public var cacheControl: String
    }

    public private(set) var files: [String: File] = [:]

    /// Reads every regular file under `folder`; symbolic links that lead outside it are ignored.
    public init(folder: String) throws {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder])
        }
        while let item = enumerator.nextObject() as? String {
            if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let real = URL(fileURLWithPath: root + "/" + item).resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(prefix) else { continue }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let data = FileManager.default.contents(atPath: real) else { continue }
            // Like nginx: modification time and size, which change whenever a build rewrites the file.
            let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            let etag = "\"\(String(modified, radix: 16))-\(String(data.count, radix: 16))\""
            files[item] = File(body: [UInt8](data), contentType: Self.contentType(for: item), etag: etag,
                               cacheControl: Self.cacheControl(for: item))
        }
    }

    /// The response for a GET or HEAD of `path`, honouring `If-None-Match`.
    public func response(for path: String, ifNoneMatch: String?) -> HTTPResponse {
        guard let sitePath = RequestPath.sitePath(path) else {
            return HTTPResponse(status: .notFound, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not found\n".utf8))
        }
        guard let file = files[sitePath] ?? files[sitePath + "/index.html"] else {
            let body = files["404.html"]?.body ?? Array("Not found\n".utf8)
            return HTTPResponse(status: .notFound, headers: [("Content-Type", "text/html; charset=utf-8")], body: body)
        }
        let headers = [("Content-Type", file.contentType), ("ETag", file.etag), ("Cache-Control", file.cacheControl)]
        if let tags = ifNoneMatch, tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag || $0 == "*" }) {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        return HTTPResponse(status: .ok, headers: headers, body: file.body)
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
        default: return "application/octet-stream"
        }
    }

    /// Names carrying a 12-hex-digit content hash (`hearth.0123456789ab.css`) never change, so they may be cached for a year.
    static func cacheControl(for path: String) -> String {
        let parts = path.split(separator: ".")
        if parts.count >= 3, let hash = parts.dropLast().last, hash.count == 12, hash.allSatisfy(\.isHexDigit) {
            return "public, max-age=31536000, immutable"
        }
        return "no-cache"
    }
}

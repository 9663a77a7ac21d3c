import HearthJSON
import HearthText

/// `search-index.json`: the text of every page for the search page's script to filter.
struct SearchIndex {
    struct Entry {
        var url: String
        var title: String
        var summary: String
        var text: String
    }

    /// Long pages are cut so the index stays small enough for mobile data.
    static let maximumTextLength = 1500

    private(set) var entries: [Entry] = []

    mutating func add(path: String, title: String, summary: String, text: String) {
        entries.append(Entry(url: path, title: title, summary: summary, text: Self.collapsingWhitespace(text)))
    }

    /// Runs of ASCII whitespace become one space; the text is cut at a character boundary near the limit.
    static func collapsingWhitespace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, maximumTextLength + 4))
        var pendingSpace = false
        for byte in text.utf8 {
            if ASCII.isSpaceTabOrLineBreak(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            // Stop at the limit, but only between characters (never inside a UTF-8 sequence).
            if bytes.count >= maximumTextLength, byte & 0xC0 != 0x80 { break }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The entries in URL order, each with its keys sorted, on one line.
    func json() -> [UInt8] {
        let list = JSONValue.array(entries.sorted { $0.url < $1.url }.map { entry in
            .object(JSONObject([(key: "url", value: .string(entry.url)), (key: "title", value: .string(entry.title)),
                                (key: "summary", value: .string(entry.summary)), (key: "text", value: .string(entry.text))]))
        })
        return JSONWriter.bytes(of: list, keyOrder: .sorted) + [ASCII.newline]
    }
}

/// `sitemap.xml` for search engines: absolute when the site's base URL is known, root-relative otherwise.
struct Sitemap {
    private(set) var paths: [String] = []

    mutating func add(_ path: String) { paths.append(path) }

    func xml(baseURL: String) -> String {
        let base = baseURL.isEmpty ? "/" : (baseURL.hasSuffix("/") ? baseURL : baseURL + "/")
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() {
            let url = base + (path.hasSuffix("index.html") ? String(path.dropLast(10)) : path)
            xml += "  <url><loc>\(HTMLEscaping.escaped(url))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}

import HearthMarkdown

/// A Markdown content file split into its front matter and body, with the body's pages.
struct MarkdownFile {
    /// A run of body lines: its text and the file line it starts on.
    struct Chunk {
        var text: String
        var firstLine: Int
    }

    var frontMatter: FrontMatter
    var body: Chunk
    var diagnostics = Diagnostics()

    /// Splits `text` at the `---` lines that open and close its front matter.
    init(_ text: String, path: String) {
        // Work on UTF-8 offsets: every content file passes through here.
        let bytes = Array(text.utf8)
        var lineStarts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(i + 1) }
        func line(_ n: Int) -> ArraySlice<UInt8> {
            let start = lineStarts[n]
            var end = n + 1 < lineStarts.count ? lineStarts[n + 1] - 1 : bytes.count
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            return bytes[start..<end]
        }
        func string(from lineIndex: Int, to endLine: Int) -> String {
            guard lineIndex < lineStarts.count else { return "" }
            let start = lineStarts[lineIndex]
            let end = endLine < lineStarts.count ? lineStarts[endLine] - 1 : bytes.count
            return end > start ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
        }
        let dashes: [UInt8] = [0x2D, 0x2D, 0x2D], dots: [UInt8] = [0x2E, 0x2E, 0x2E]
        guard line(0).elementsEqual(dashes) else {
            diagnostics.error("a content file starts with front matter: a '---' line, 'title: …' and the other settings, then another '---' line",
                              at: SourceLocation(path: path))
            frontMatter = FrontMatter(location: SourceLocation(path: path))
            frontMatter.isMissing = true
            body = Chunk(text: text, firstLine: 1)
            return
        }
        guard let close = (1..<lineStarts.count).first(where: { line($0).elementsEqual(dashes) || line($0).elementsEqual(dots) }) else {
            diagnostics.error("the front matter opened on line 1 is never closed; add a '---' line after the settings",
                              at: SourceLocation(path: path))
            frontMatter = FrontMatter(location: SourceLocation(path: path))
            frontMatter.isMissing = true
            body = Chunk(text: "", firstLine: lineStarts.count)
            return
        }
        let (map, problems) = FrontMatterParser.parse(string(from: 1, to: close), path: path, firstLine: 2)
        frontMatter = map
        diagnostics.append(contentsOf: problems)
        body = Chunk(text: string(from: close + 1, to: lineStarts.count), firstLine: close + 2)
    }

    /// The body split at lines that are exactly `+++` (outside fenced code): one chunk per page.
    var pages: [Chunk] {
        var chunks: [Chunk] = []
        var current: [Substring] = []
        var start = body.firstLine
        var fence: Substring?
        for (offset, line) in body.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingLeadingSpaces.trimmingTrailingSpaces.trimmingCR
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix { $0 == trimmed.first }
            } else if trimmed == "+++" {
                chunks.append(Chunk(text: current.joined(separator: "\n"), firstLine: start))
                current = []
                start = body.firstLine + offset + 1
                continue
            }
            current.append(line)
        }
        chunks.append(Chunk(text: current.joined(separator: "\n"), firstLine: start))
        return chunks
    }
}

extension Substring {
    var trimmingCR: Substring { last == "\r" ? dropLast() : self }
}

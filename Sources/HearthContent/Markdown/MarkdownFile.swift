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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var emptyMap = FrontMatter(location: SourceLocation(path: path))
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" || first.trimmingTrailingSpaces == "---\r" else {
            diagnostics.error("a content file starts with front matter: a '---' line, 'title: …' and the other settings, then another '---' line",
                              at: SourceLocation(path: path))
            frontMatter = emptyMap
            body = Chunk(text: text, firstLine: 1)
            return
        }
        guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpaces.trimmingCR) }) else {
            diagnostics.error("the front matter opened on line 1 is never closed; add a '---' line after the settings",
                              at: SourceLocation(path: path))
            frontMatter = emptyMap
            body = Chunk(text: "", firstLine: lines.count)
            return
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let (map, problems) = FrontMatterParser.parse(yaml, path: path, firstLine: 2)
        emptyMap = map
        frontMatter = emptyMap
        diagnostics.append(contentsOf: problems)
        body = Chunk(text: lines[(close + 1)...].joined(separator: "\n"), firstLine: close + 2)
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

import HearthText

/// Splits GitHub-style table rows into cells and reads the delimiter row under the header.
enum TableRowScanner {
    /// The column alignments when `line` is a delimiter row such as `| :-- | :-: | --: |`, else nil.
    ///
    /// A delimiter row needs at least one pipe, so that a lone `---` stays a setext underline.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [TableAlignment]? {
        guard line.contains(ASCII.pipe) else { return nil }
        let array = Array(line)
        var alignments: [TableAlignment] = []
        for cell in cells(array) {
            var i = cell.lowerBound, j = cell.upperBound
            let left = i < j && array[i] == ASCII.colon
            if left { i += 1 }
            let right = j > i && array[j - 1] == ASCII.colon
            if right { j -= 1 }
            guard i < j, array[i..<j].allSatisfy({ $0 == ASCII.dash }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments.isEmpty ? nil : alignments
    }

    /// The trimmed byte ranges of a row's cells: split at pipes not escaped by a backslash, outer pipes optional.
    static func cells(_ line: [UInt8]) -> [Range<Int>] {
        var start = 0, end = line.count
        while start < end, ASCII.isSpaceOrTab(line[start]) { start += 1 }
        while end > start, ASCII.isSpaceOrTab(line[end - 1]) { end -= 1 }
        if start < end, line[start] == ASCII.pipe { start += 1 }
        if end > start, line[end - 1] == ASCII.pipe, !isEscaped(line, end - 1, from: start) { end -= 1 }
        guard start < end || line.contains(ASCII.pipe) else { return [] }

        var result: [Range<Int>] = []
        var cellStart = start
        var i = start
        while i <= end {
            if i == end || (line[i] == ASCII.pipe && !isEscaped(line, i, from: start)) {
                var a = cellStart, b = i
                while a < b, ASCII.isSpaceOrTab(line[a]) { a += 1 }
                while b > a, ASCII.isSpaceOrTab(line[b - 1]) { b -= 1 }
                result.append(a..<b)
                cellStart = i + 1
            }
            i += 1
        }
        return result
    }

    /// A cell's text with `\|` turned into `|`, so a pipe can appear even inside code.
    static func unescapingPipes(_ cell: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(cell.count)
        var i = cell.startIndex
        while i < cell.endIndex {
            if cell[i] == ASCII.backslash, i + 1 < cell.endIndex, cell[i + 1] == ASCII.pipe {
                i += 1
            }
            result.append(cell[i])
            i += 1
        }
        return result
    }

    /// Whether the byte at `i` follows an odd number of backslashes.
    private static func isEscaped(_ line: [UInt8], _ i: Int, from start: Int) -> Bool {
        var backslashes = 0
        var j = i - 1
        while j >= start, line[j] == ASCII.backslash {
            backslashes += 1
            j -= 1
        }
        return backslashes % 2 == 1
    }
}

import HearthText

/// Resolves emphasis, strong emphasis and strikethrough on the delimiter stack (CommonMark's "process emphasis").
extension InlineSubject {
    /// The openers-bottom slot for a closer: one per delimiter character, closer length mod 3 and whether the closer can open,
    /// so a failed search for an opener is never repeated over the same stretch of the stack.
    private func bottomSlot(_ closer: Delimiter) -> Int {
        switch closer.character {
        case ASCII.star: return (closer.originalCount % 3) * 2 + (closer.canOpen ? 1 : 0)
        case ASCII.underscore: return 6 + (closer.originalCount % 3) * 2 + (closer.canOpen ? 1 : 0)
        default: return 12 + min(closer.count, 2) - 1
        }
    }

    /// Matches closers with openers above `bottom` (a delimiter index, or -1 for the whole stack), then clears that part of the stack.
    mutating func processEmphasis(above bottom: Int, _ tree: inout SyntaxTree) {
        var openersBottom = [Int](repeating: bottom, count: 14)
        var current: Int
        if bottom >= 0 {
            current = delimiters[bottom].next
        } else {
            current = lastDelimiter
            while current >= 0, delimiters[current].previous >= 0 {
                work += 1
                current = delimiters[current].previous
            }
        }

        while current >= 0 {
            work += 1
            let closer = delimiters[current]
            guard closer.canClose else {
                current = closer.next
                continue
            }
            let slot = bottomSlot(closer)
            var openerIndex = closer.previous
            var found = false
            while openerIndex >= 0, openerIndex != bottom, openerIndex != openersBottom[slot] {
                work += 1
                let opener = delimiters[openerIndex]
                if opener.canOpen, opener.character == closer.character {
                    if closer.character == ASCII.tilde {
                        if opener.count == closer.count { found = true; break }
                    } else {
                        // The "multiple of 3" rule: `*foo**bar*` must not pair the `**`.
                        let oddMatch = (closer.canOpen || opener.canClose) && closer.originalCount % 3 != 0
                            && (opener.originalCount + closer.originalCount) % 3 == 0
                        if !oddMatch { found = true; break }
                    }
                }
                openerIndex = opener.previous
            }

            guard found else {
                let next = closer.next
                openersBottom[slot] = closer.previous
                if !closer.canOpen { removeDelimiter(current) }
                current = next
                continue
            }

            let opener = delimiters[openerIndex]
            let used: Int
            let kind: NodeKind
            if closer.character == ASCII.tilde {
                used = closer.count
                kind = .strikethrough
            } else {
                used = closer.count >= 2 && opener.count >= 2 ? 2 : 1
                kind = used == 2 ? .strong : .emphasis
            }
            delimiters[openerIndex].count -= used
            delimiters[current].count -= used
            let openerLeft = delimiters[openerIndex].count, closerLeft = delimiters[current].count

            // The new node spans the used delimiters: the end of the opener's run to the start of the closer's.
            let openerRange = tree.range(of: opener.node), closerRange = tree.range(of: closer.node)
            var start = openerRange.start
            start.column += openerLeft
            var end = closerRange.start
            end.column += used - 1
            tree.setKind(.text(String(repeating: Character(Unicode.Scalar(opener.character)), count: openerLeft)), of: opener.node)
            tree.setKind(.text(String(repeating: Character(Unicode.Scalar(closer.character)), count: closerLeft)), of: closer.node)
            var shiftedCloser = closerRange
            shiftedCloser.start.column += used
            tree.setRange(shiftedCloser, of: closer.node)

            let node = tree.makeNode(kind, range: SourceRange(start: start, end: end))
            tree.insert(node, after: opener.node)
            var child = tree.next(after: node)
            while let moving = child, moving != closer.node {
                work += 1
                child = tree.next(after: moving)
                tree.detach(moving)
                tree.appendChild(moving, to: node)
            }

            // Delimiters between the pair can no longer match anything.
            var between = delimiters[current].previous
            while between >= 0, between != openerIndex {
                work += 1
                let previous = delimiters[between].previous
                removeDelimiter(between)
                between = previous
            }
            if openerLeft == 0 {
                tree.detach(opener.node)
                removeDelimiter(openerIndex)
            }
            if closerLeft == 0 {
                let next = delimiters[current].next
                tree.detach(closer.node)
                removeDelimiter(current)
                current = next
            }
        }

        while lastDelimiter >= 0, lastDelimiter != bottom {
            work += 1
            removeDelimiter(lastDelimiter)
        }
    }
}

/// Gives every heading a stable `id` made from its text, for tables of contents and deep links.
///
/// The slug follows GitHub's convention, which authors already know: lower case, letters,
/// digits, `-` and `_` kept, spaces become `-`, everything else dropped; a repeated slug gets
/// `-1`, `-2`, … in document order. A heading with no usable text is called `section`.
public enum HeadingIdentifiers {
    /// Sets the `id` of every heading in `tree`.
    public static func assign(in tree: inout SyntaxTree) {
        var used: [String: Int] = [:]
        var headings: [(NodeID, Int)] = []
        tree.walk(enter: { node in
            if case .heading(let level, _) = tree.kind(of: node) { headings.append((node, level)) }
        })
        for (node, level) in headings {
            let base = slug(plainText(of: node, in: tree))
            var candidate = base
            if let count = used[base] {
                var n = count
                repeat {
                    candidate = "\(base)-\(n)"
                    n += 1
                } while used[candidate] != nil
                used[base] = n
            } else {
                used[base] = 1
            }
            used[candidate] = used[candidate] ?? 1
            tree.setKind(.heading(level: level, id: candidate), of: node)
        }
    }

    /// The text a reader sees in a node: text and code literals, breaks as spaces.
    public static func plainText(of node: NodeID, in tree: SyntaxTree) -> String {
        var text = ""
        tree.walk(from: node, enter: { child in
            switch tree.kind(of: child) {
            case .text(let s), .code(let s): text += s
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        })
        return text
    }

    /// Lower case, letters, digits, `-`, `_`; spaces become hyphens.
    public static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic || properties.numericType != nil
                        || properties.generalCategory == .nonspacingMark {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? "section" : result
    }
}

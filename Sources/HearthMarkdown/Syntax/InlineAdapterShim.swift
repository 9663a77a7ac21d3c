// TEMPORARY: bridges the inline phase's [Node] output into the flat tree until it writes there directly.
extension InlineParser {
    mutating func parse(_ content: [UInt8], map: ContentLineMap, into tree: inout SyntaxTree, parent: NodeID) {
        let nodes = parse(content, map: map)
        var stack: [(Node, NodeID)] = nodes.reversed().map { ($0, parent) }
        while let (node, p) = stack.popLast() {
            let id = tree.append(node.kind, range: node.range, to: p)
            for child in node.children.reversed() { stack.append((child, id)) }
        }
    }
}
extension InlineParser { var work: Int { 1 } }

/// Identifies one node in a `SyntaxTree`.
public struct NodeID: Hashable, Sendable, Comparable {
    public let index: Int32

    @inlinable init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
}

/// A parsed Markdown document: nodes stored flat in one array and linked by index.
///
/// A flat store keeps parsing cheap (one allocation for all nodes) and means no
/// operation on the tree — building, walking, freeing — recurses, however deeply a
/// hostile document nests its quotes, lists or emphasis.
public struct SyntaxTree: Sendable {
    /// How a node is linked to the others; kept apart from kinds so walking the tree copies no strings.
    @usableFromInline struct Record: Sendable {
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        var previous: Int32 = -1
    }

    @usableFromInline var records: [Record]
    @usableFromInline var kinds: [NodeKind]
    @usableFromInline var ranges: [SourceRange]

    /// Creates a tree holding only an empty document node.
    public init(range: SourceRange = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))) {
        records = [Record()]
        kinds = [.document]
        ranges = [range]
    }

    /// Makes room for `count` nodes.
    public mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        kinds.reserveCapacity(count)
        ranges.reserveCapacity(count)
    }

    /// The document node.
    public var root: NodeID { NodeID(0) }

    /// The number of nodes ever created, including any detached ones.
    public var capacity: Int { records.count }

    /// What the node is.
    public func kind(of node: NodeID) -> NodeKind { kinds[Int(node.index)] }

    /// Where the node came from in the source.
    public func range(of node: NodeID) -> SourceRange { ranges[Int(node.index)] }

    public func parent(of node: NodeID) -> NodeID? { id(records[Int(node.index)].parent) }
    public func firstChild(of node: NodeID) -> NodeID? { id(records[Int(node.index)].firstChild) }
    public func lastChild(of node: NodeID) -> NodeID? { id(records[Int(node.index)].lastChild) }
    public func next(after node: NodeID) -> NodeID? { id(records[Int(node.index)].next) }
    public func previous(before node: NodeID) -> NodeID? { id(records[Int(node.index)].previous) }

    /// The node's children in order.
    public func children(of node: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var child = records[Int(node.index)].firstChild
        while child >= 0 {
            result.append(NodeID(Int(child)))
            child = records[Int(child)].next
        }
        return result
    }

    @inline(__always) private func id(_ raw: Int32) -> NodeID? { raw < 0 ? nil : NodeID(Int(raw)) }

    // MARK: Building

    /// Creates a detached node.
    public mutating func makeNode(_ kind: NodeKind, range: SourceRange) -> NodeID {
        records.append(Record())
        kinds.append(kind)
        ranges.append(range)
        return NodeID(records.count - 1)
    }

    /// Creates a node and appends it as the last child of `parent`.
    @discardableResult
    public mutating func append(_ kind: NodeKind, range: SourceRange, to parent: NodeID) -> NodeID {
        let node = makeNode(kind, range: range)
        appendChild(node, to: parent)
        return node
    }

    /// Appends a detached node as the last child of `parent`.
    public mutating func appendChild(_ node: NodeID, to parent: NodeID) {
        let n = node.index, p = parent.index
        let last = records[Int(p)].lastChild
        records[Int(n)].parent = p
        records[Int(n)].previous = last
        records[Int(n)].next = -1
        if last >= 0 { records[Int(last)].next = n } else { records[Int(p)].firstChild = n }
        records[Int(p)].lastChild = n
    }

    /// Inserts a detached node right after `sibling`.
    public mutating func insert(_ node: NodeID, after sibling: NodeID) {
        let n = node.index, s = sibling.index
        let p = records[Int(s)].parent, following = records[Int(s)].next
        records[Int(n)].parent = p
        records[Int(n)].previous = s
        records[Int(n)].next = following
        records[Int(s)].next = n
        if following >= 0 { records[Int(following)].previous = n } else if p >= 0 { records[Int(p)].lastChild = n }
    }

    /// Inserts a detached node right before `sibling`.
    public mutating func insert(_ node: NodeID, before sibling: NodeID) {
        if let previous = previous(before: sibling) {
            insert(node, after: previous)
            return
        }
        let n = node.index, s = sibling.index
        let p = records[Int(s)].parent
        records[Int(n)].parent = p
        records[Int(n)].previous = -1
        records[Int(n)].next = s
        records[Int(s)].previous = n
        if p >= 0 { records[Int(p)].firstChild = n }
    }

    /// Unlinks a node (with its subtree) from its parent and siblings.
    public mutating func detach(_ node: NodeID) {
        let n = Int(node.index)
        let p = records[n].parent, prev = records[n].previous, next = records[n].next
        if prev >= 0 { records[Int(prev)].next = next } else if p >= 0 { records[Int(p)].firstChild = next }
        if next >= 0 { records[Int(next)].previous = prev } else if p >= 0 { records[Int(p)].lastChild = prev }
        records[n].parent = -1
        records[n].previous = -1
        records[n].next = -1
    }

    /// Moves the siblings strictly between `first` and `last` (exclusive) to the end of `container`'s children.
    public mutating func moveSiblings(between first: NodeID, and last: NodeID, into container: NodeID) {
        var cursor = records[Int(first.index)].next
        while cursor >= 0 && cursor != last.index {
            let following = records[Int(cursor)].next
            let node = NodeID(Int(cursor))
            detach(node)
            appendChild(node, to: container)
            cursor = following
        }
    }

    /// Replaces what a node is, keeping its place and children.
    public mutating func setKind(_ kind: NodeKind, of node: NodeID) { kinds[Int(node.index)] = kind }

    /// Replaces a node's source range.
    public mutating func setRange(_ range: SourceRange, of node: NodeID) { ranges[Int(node.index)] = range }
}

extension SyntaxTree {
    /// Visits every node below `start` (and `start` itself) in document order, without recursion.
    ///
    /// `enter` is called before a node's children and `exit` after them.
    public func walk(from start: NodeID? = nil, enter: (NodeID) -> Void, exit: (NodeID) -> Void = { _ in }) {
        let top = start ?? root
        var node = top
        while true {
            enter(node)
            if let child = firstChild(of: node) {
                node = child
                continue
            }
            // Climb until a node has a next sibling, leaving each finished node.
            while true {
                exit(node)
                if node == top { return }
                if let sibling = next(after: node) {
                    node = sibling
                    break
                }
                node = parent(of: node)!
            }
        }
    }
}

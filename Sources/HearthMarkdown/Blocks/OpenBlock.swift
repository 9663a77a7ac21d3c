import HearthText

/// What the block phase knows about a block while lines may still be added to it.
struct OpenBlock {
    enum Kind: Equatable {
        case document
        case blockQuote
        case list
        case listItem
        case fencedCode
        case indentedCode
        case html
        case paragraph
        case heading
        case thematicBreak
        case table
        case tableRow
        case tableCell
    }

    /// The block's index here is also its `NodeID` in the tree: the block phase creates one node per block.
    var kind: Kind
    var isOpen = true
    var lastLineBlank = false
    var start: SourcePosition
    var end: SourcePosition

    /// Lines of text for leaf blocks, each followed by "\n".
    var content: [UInt8] = []
    /// Where each line of `content` came from.
    var contentMap = ContentLineMap()

    // Lists and items.
    var marker: ListMarker = .bullet(ASCII.dash)
    var markerOffset = 0
    var padding = 0

    // Fenced code.
    var fence: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    var info = ""

    // HTML blocks: kinds 1–7.
    var htmlKind = 0

    // Headings.
    var level = 0
    var isSetext = false

    // Tables: the alignment of each column and the rows so far, each a list of cells.
    var alignments: [TableAlignment] = []

    /// Set when a paragraph turned out to hold only link reference definitions.
    var isRemoved = false

    init(kind: Kind, start: SourcePosition) {
        self.kind = kind
        self.start = start
        self.end = start
    }

    /// Whether the block takes lines of text rather than child blocks.
    var acceptsLines: Bool {
        switch kind {
        case .paragraph, .heading, .fencedCode, .indentedCode, .html, .table: return true
        default: return false
        }
    }

    /// Whether a block of `child` kind may be placed inside this one.
    func canContain(_ child: Kind) -> Bool {
        switch kind {
        case .document, .blockQuote, .listItem: return child != .listItem
        case .list: return child == .listItem
        default: return false
        }
    }
}


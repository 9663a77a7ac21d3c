/// A table of counts (e.g. areas × months) with its row, column and grand totals, before disclosure control.
public struct CountTable: Hashable, Sendable {
    public let rowCount: Int
    public let columnCount: Int
    /// Row by row.
    public let cells: [Int]

    /// `rows` must be non-empty, rectangular and hold no negative counts.
    public init(rows: [[Int]]) {
        precondition(!rows.isEmpty && !rows[0].isEmpty, "a count table needs at least one cell")
        precondition(rows.allSatisfy { $0.count == rows[0].count }, "every row of a count table needs the same number of columns")
        precondition(rows.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
        rowCount = rows.count
        columnCount = rows[0].count
        cells = rows.flatMap { $0 }
    }

    public subscript(row: Int, column: Int) -> Int { cells[row * columnCount + column] }

    public var rowTotals: [Int] {
        (0..<rowCount).map { row in (0..<columnCount).reduce(0) { $0 + self[row, $1] } }
    }

    public var columnTotals: [Int] {
        (0..<columnCount).map { column in (0..<rowCount).reduce(0) { $0 + self[$1, column] } }
    }

    public var grandTotal: Int { cells.reduce(0, +) }

    /// The table as it may be published under `threshold`: primary and secondary suppression (`CellSuppression`).
    public func disclosed(under threshold: DisclosureThreshold) -> DisclosedTable {
        var suppression = CellSuppression(table: self, threshold: threshold)
        return suppression.run()
    }
}

/// A count table after disclosure control: each cell and total shown or suppressed.
public struct DisclosedTable: Hashable, Sendable {
    public var cells: [[Disclosed<Int>]]
    public var rowTotals: [Disclosed<Int>]
    public var columnTotals: [Disclosed<Int>]
    public var grandTotal: Disclosed<Int>
}

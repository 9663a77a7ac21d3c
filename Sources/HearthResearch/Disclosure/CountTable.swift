/// A table of counts (e.g. areas × months) with its row, column and grand totals, before disclosure control.
package struct CountTable: Hashable, Sendable {
    package let rowCount: Int
    package let columnCount: Int
    /// Row by row.
    package let cells: [Int]

    /// `rows` must be non-empty, rectangular and hold no negative counts.
    package init(rows: [[Int]]) {
        precondition(!rows.isEmpty && !rows[0].isEmpty, "a count table needs at least one cell")
        precondition(rows.allSatisfy { $0.count == rows[0].count }, "every row of a count table needs the same number of columns")
        precondition(rows.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
        rowCount = rows.count
        columnCount = rows[0].count
        cells = rows.flatMap { $0 }
    }

    package subscript(row: Int, column: Int) -> Int { cells[row * columnCount + column] }

    package var rowTotals: [Int] {
        (0..<rowCount).map { row in (0..<columnCount).reduce(0) { $0 + self[row, $1] } }
    }

    package var columnTotals: [Int] {
        (0..<columnCount).map { column in (0..<rowCount).reduce(0) { $0 + self[$1, column] } }
    }

    package var grandTotal: Int { cells.reduce(0, +) }

    /// The table as it may be published under `threshold`: primary and secondary suppression (`CellSuppression`).
    package func disclosed(under threshold: DisclosureThreshold) -> DisclosedTable {
        var suppression = CellSuppression(table: self, threshold: threshold)
        return suppression.run()
    }
}

/// A count table after disclosure control: each cell and total shown or suppressed.
package struct DisclosedTable: Hashable, Sendable {
    package var cells: [[Disclosed<Int>]]
    package var rowTotals: [Disclosed<Int>]
    package var columnTotals: [Disclosed<Int>]
    package var grandTotal: Disclosed<Int>
}

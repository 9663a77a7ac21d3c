/// A count table with its row and column labels, before and after disclosure control.
///
/// Every research figure that is a breakdown is one of these, published whole with its own totals: a filter
/// chooses which rows and columns to show, but never makes new totals from a subset, so a suppressed cell
/// cannot be recovered by subtracting one query's totals from another's.
package struct LabelledTable: Hashable, Sendable {
    package var rows: [String]
    package var columns: [String]
    package var table: DisclosedTable

    /// Counts by row and column label (missing pairs are 0), disclosed under `threshold`.
    package init(rows: [String], columns: [String], counts: [String: [String: Int]], threshold: DisclosureThreshold) {
        self.rows = rows
        self.columns = columns
        let raw = rows.map { row in columns.map { counts[row]?[$0] ?? 0 } }
        table = rows.isEmpty || columns.isEmpty
            ? DisclosedTable(cells: [], rowTotals: [], columnTotals: [], grandTotal: threshold.disclose(0))
            : CountTable(rows: raw).disclosed(under: threshold)
    }

    /// The same table showing only `keep` of its columns: cells exactly as the whole table published them, and the
    /// whole table's totals (row totals still over every column), so a narrower view gives nothing new away.
    package func keepingColumns(_ keep: [String]) -> LabelledTable {
        let indexes = keep.compactMap { columns.firstIndex(of: $0) }
        var narrowed = self
        narrowed.columns = indexes.map { columns[$0] }
        narrowed.table.cells = table.cells.map { row in indexes.map { row[$0] } }
        narrowed.table.columnTotals = indexes.map { table.columnTotals[$0] }
        return narrowed
    }

    /// A published cell by its labels.
    package subscript(row: String, column: String) -> Disclosed<Int>? {
        guard let r = rows.firstIndex(of: row), let c = columns.firstIndex(of: column) else { return nil }
        return table.cells[r][c]
    }
}

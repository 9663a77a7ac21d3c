/// Primary and secondary cell suppression for a two-way count table with its totals (Docs/research.md,
/// "Disclosure control", which works an example through).
///
/// The table and its totals form an (R+1)×(C+1) grid; every row and every column of the grid is an equation a
/// reader can use (the cells add up to the total). Counts under the threshold, totals and zeros included, are
/// suppressed first. A suppressed entry is then safe only if some other table, agreeing with every published
/// figure and with no negative count, gives it a different value. Such a table is this one moved by ±1 round a
/// cycle of suppressed entries that alternates between rows and columns, where every count the move lowers is
/// above zero — which is what `isProtected` searches for. Each unprotected entry gets the cheapest rectangle of
/// suppressed entries that moves it (the hypercube method of cell suppression, in two dimensions): one always
/// exists, because raising a cell together with its row total, its column total and the grand total keeps every
/// equation. Requiring only two suppressed entries per row and column, the common rule of thumb, is not enough:
/// a suppressed entry joining two separate groups of suppressed entries is still the difference of their sums,
/// and a row whose suppressed entries add up to zero gives each of them away.
struct CellSuppression {
    private let gridRows: Int
    private let gridColumns: Int
    private var counts: [Int]
    private var suppressed: [Bool]
    private var protected: [Bool]

    init(table: CountTable, threshold: DisclosureThreshold) {
        gridRows = table.rowCount + 1
        gridColumns = table.columnCount + 1
        let rowTotals = table.rowTotals
        var counts: [Int] = []
        counts.reserveCapacity(gridRows * gridColumns)
        for row in 0..<table.rowCount {
            for column in 0..<table.columnCount { counts.append(table[row, column]) }
            counts.append(rowTotals[row])
        }
        counts.append(contentsOf: table.columnTotals)
        counts.append(table.grandTotal)
        self.counts = counts
        suppressed = counts.map { !threshold.allows($0) }
        protected = [Bool](repeating: false, count: counts.count)
    }

    mutating func run() -> DisclosedTable {
        // Entries this adds are corners of a rectangle it has just made movable, so one pass in grid order suffices.
        for entry in counts.indices where suppressed[entry] && !protected[entry] {
            if !isProtected(entry) { protect(entry) }
            protected[entry] = true
        }
        return result()
    }

    // MARK: The grid

    /// How an entry enters its row's and column's equations: +1 for a cell or the grand total, −1 for a row or
    /// column total (each line reads cells − total = 0, and the total row reads grand total − column totals = 0).
    private func sign(_ entry: Int) -> Int {
        let isLastRow = entry / gridColumns == gridRows - 1, isLastColumn = entry % gridColumns == gridColumns - 1
        return isLastRow == isLastColumn ? 1 : -1
    }

    /// Whether the entry can take a step of `direction` (±1, in the sign convention above) without its count
    /// going below zero.
    private func canStep(_ entry: Int, _ direction: Int) -> Bool {
        sign(entry) * direction > 0 || counts[entry] > 0
    }

    private func entry(_ row: Int, _ column: Int) -> Int { row * gridColumns + column }

    // MARK: Protection

    /// Whether some cycle of suppressed entries through `entry` can move it (see the type's comment).
    /// A cycle alternates +1 steps (row to column) and −1 steps (column to row).
    private func isProtected(_ entry: Int) -> Bool {
        let row = entry / gridColumns, column = entry % gridColumns
        if canStep(entry, 1), reaches(fromColumn: column, toRow: row, avoiding: entry) { return true }
        if canStep(entry, -1), reaches(fromRow: row, toColumn: column, avoiding: entry) { return true }
        return false
    }

    private func reaches(fromColumn column: Int, toRow row: Int, avoiding entry: Int) -> Bool {
        search(start: gridRows + column, target: row, avoiding: entry)
    }

    private func reaches(fromRow row: Int, toColumn column: Int, avoiding entry: Int) -> Bool {
        search(start: row, target: gridRows + column, avoiding: entry)
    }

    /// Breadth-first search over rows (nodes 0..<gridRows) and columns (the nodes after them): a row leads to a
    /// column through a suppressed entry that can step +1, a column to a row through one that can step −1.
    private func search(start: Int, target: Int, avoiding avoided: Int) -> Bool {
        var seen = [Bool](repeating: false, count: gridRows + gridColumns)
        var queue = [start]
        seen[start] = true
        var next = 0
        while next < queue.count {
            let node = queue[next]
            next += 1
            if node == target { return true }
            if node < gridRows {
                for column in 0..<gridColumns {
                    let candidate = entry(node, column)
                    if candidate != avoided, suppressed[candidate], canStep(candidate, 1), !seen[gridRows + column] {
                        seen[gridRows + column] = true
                        queue.append(gridRows + column)
                    }
                }
            } else {
                let column = node - gridRows
                for row in 0..<gridRows {
                    let candidate = entry(row, column)
                    if candidate != avoided, suppressed[candidate], canStep(candidate, -1), !seen[row] {
                        seen[row] = true
                        queue.append(row)
                    }
                }
            }
        }
        return false
    }

    /// What suppressing more entries costs: fewer hidden totals first, then the least hidden count, then fewest entries.
    private struct Cost: Comparable {
        var totals: Int
        var count: Int
        var entries: Int

        static func < (a: Cost, b: Cost) -> Bool {
            (a.totals, a.count, a.entries) < (b.totals, b.count, b.entries)
        }
    }

    /// Suppresses the cheapest rectangle (entry, same row, same column, opposite corner) that can move `entry`.
    private mutating func protect(_ entry: Int) {
        let row = entry / gridColumns, column = entry % gridColumns
        var best: (cost: Cost, corners: [Int])?
        for otherRow in 0..<gridRows where otherRow != row {
            for otherColumn in 0..<gridColumns where otherColumn != column {
                let sameRow = self.entry(row, otherColumn), sameColumn = self.entry(otherRow, column)
                let opposite = self.entry(otherRow, otherColumn)
                let movable = [1, -1].contains { step in
                    canStep(entry, step) && canStep(sameRow, -step) && canStep(sameColumn, -step) && canStep(opposite, step)
                }
                guard movable else { continue }
                var cost = Cost(totals: 0, count: 0, entries: 0)
                for corner in [sameRow, sameColumn, opposite] where !suppressed[corner] {
                    cost.entries += 1
                    cost.count += counts[corner]
                    if corner / gridColumns == gridRows - 1 || corner % gridColumns == gridColumns - 1 { cost.totals += 1 }
                }
                if best == nil || cost < best!.cost { best = (cost, [sameRow, sameColumn, opposite]) }
            }
        }
        // The rectangle through the row total, column total and grand total always moves a cell, and likewise for
        // a total (see the type's comment), so `best` is never nil for a grid of at least 2×2.
        guard let corners = best?.corners else { preconditionFailure("no rectangle can protect a suppressed entry") }
        for corner in corners {
            suppressed[corner] = true
            protected[corner] = true
        }
    }

    // MARK: Output

    private func disclosed(_ entry: Int) -> Disclosed<Int> {
        suppressed[entry] ? .suppressed : .shown(counts[entry])
    }

    private func result() -> DisclosedTable {
        let lastRow = gridRows - 1, lastColumn = gridColumns - 1
        return DisclosedTable(
            cells: (0..<lastRow).map { row in (0..<lastColumn).map { disclosed(entry(row, $0)) } },
            rowTotals: (0..<lastRow).map { disclosed(entry($0, lastColumn)) },
            columnTotals: (0..<lastColumn).map { disclosed(entry(lastRow, $0)) },
            grandTotal: disclosed(entry(lastRow, lastColumn)))
    }
}

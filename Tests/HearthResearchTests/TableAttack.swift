import HearthResearch

/// An attacker's view of a published table: which suppressed entries the published cells and totals pin down
/// exactly, by solving the table's linear equations in exact rational arithmetic. Written independently of
/// `CellSuppression` (which reasons about cycles), so that the two check each other.
struct TableAttack {
    /// The table with its totals as a grid: each entry is a known count or unknown (nil).
    private let grid: [[Int?]]

    init(_ published: DisclosedTable) {
        var grid = zip(published.cells, published.rowTotals).map { cells, total in (cells + [total]).map(\.value) }
        grid.append((published.columnTotals + [published.grandTotal]).map(\.value))
        self.grid = grid
    }

    /// The unknown entries (row, column in the grid with totals last) that the equations determine.
    func determinedEntries() -> [(row: Int, column: Int)] {
        let rows = grid.count, columns = grid[0].count
        var unknowns: [(Int, Int)] = []
        for row in 0..<rows { for column in 0..<columns where grid[row][column] == nil { unknowns.append((row, column)) } }
        guard !unknowns.isEmpty else { return [] }
        // One equation per grid row and column: cells − total = 0 (the total row: column totals − grand total = 0).
        var equations: [[Rational]] = []
        for row in 0..<rows {
            equations.append(unknowns.map { $0.0 == row ? Rational(coefficient(row: $0.0, column: $0.1, line: .row)) : .zero })
        }
        for column in 0..<columns {
            equations.append(unknowns.map { $0.1 == column ? Rational(coefficient(row: $0.0, column: $0.1, line: .column)) : .zero })
        }
        let reduced = Self.rowEchelon(equations)
        return unknowns.indices.compactMap { index in
            var unit = [Rational](repeating: .zero, count: unknowns.count)
            unit[index] = Rational(1)
            return Self.isInRowSpace(unit, of: reduced) ? unknowns[index] : nil
        }
    }

    private enum Line { case row, column }

    /// +1 for a cell in its row's and column's equation, −1 for the total the line ends in, +1 for the grand total.
    private func coefficient(row: Int, column: Int, line: Line) -> Int {
        let lastRow = row == grid.count - 1, lastColumn = column == grid[0].count - 1
        switch (lastRow, lastColumn) {
        case (false, false): return 1
        case (true, true): return -1
        case (false, true): return line == .row ? -1 : 1
        case (true, false): return line == .column ? -1 : 1
        }
    }

    /// Gauss–Jordan elimination; returns the non-zero rows with their pivot columns.
    private static func rowEchelon(_ matrix: [[Rational]]) -> [(pivot: Int, row: [Rational])] {
        var rows = matrix
        var result: [(Int, [Rational])] = []
        let width = rows.first?.count ?? 0
        for column in 0..<width {
            guard let pivotIndex = rows.firstIndex(where: { $0[column] != .zero }) else { continue }
            let pivotRow = rows.remove(at: pivotIndex)
            let scale = pivotRow[column]
            let normalized = pivotRow.map { $0 / scale }
            rows = rows.map { row in
                let factor = row[column]
                return factor == .zero ? row : zip(row, normalized).map { $0 - factor * $1 }
            }
            result = result.map { pivot, row in
                let factor = row[column]
                return (pivot, factor == .zero ? row : zip(row, normalized).map { $0 - factor * $1 })
            }
            result.append((column, normalized))
        }
        return result
    }

    private static func isInRowSpace(_ vector: [Rational], of reduced: [(pivot: Int, row: [Rational])]) -> Bool {
        var rest = vector
        for (pivot, row) in reduced where rest[pivot] != .zero {
            let factor = rest[pivot]
            rest = zip(rest, row).map { $0 - factor * $1 }
        }
        return rest.allSatisfy { $0 == .zero }
    }
}

/// An exact fraction, for the attacker's elimination.
struct Rational: Equatable {
    private(set) var numerator: Int
    private(set) var denominator: Int

    static let zero = Rational(0)

    init(_ value: Int) { self.init(value, 1) }

    init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0)
        var a = abs(numerator), b = abs(denominator)
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = max(a, 1) * (denominator < 0 ? -1 : 1)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    static func - (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
}

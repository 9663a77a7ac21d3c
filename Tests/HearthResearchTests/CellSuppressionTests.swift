import HearthResearch
import HearthTestSupport
import XCTest

final class CellSuppressionTests: XCTestCase {
    private let ten = DisclosureThreshold.standard

    func testTheThresholdIsNeverBelowFive() throws {
        XCTAssertThrowsError(try DisclosureThreshold(4)) { error in
            XCTAssertEqual("\(error)", "the research threshold must be at least 5; 4 would publish counts small enough to identify people")
        }
        XCTAssertEqual(try DisclosureThreshold(5).value, 5)
        XCTAssertEqual(DisclosureThreshold.standard.value, 10)
    }

    func testSmallCountsAndZerosAreSuppressedNeverZeroed() {
        XCTAssertEqual(ten.disclose(0), .suppressed)
        XCTAssertEqual(ten.disclose(9), .suppressed)
        XCTAssertEqual(ten.disclose(10), .shown(10))
        XCTAssertNil(ten.disclose(0).value)
        XCTAssertTrue(ten.disclose(0).isSuppressed)
        XCTAssertFalse(Disclosed<Int>.shown(nil).isSuppressed, "an undefined figure is not a suppressed one")
    }

    /// The example worked by hand in Docs/research.md.
    func testTheWorkedExample() {
        let table = CountTable(rows: [[20, 14, 3], [12, 0, 25], [30, 18, 22]])
        let published = table.disclosed(under: ten)
        XCTAssertEqual(render(published), [
            "20 S S | 37",
            "12 S S | 37",
            "30 18 22 | 70",
            "62 32 50 | 144",
        ])
        XCTAssertTrue(TableAttack(published).determinedEntries().isEmpty)
    }

    /// Two suppressed entries in every row and column is the usual rule of thumb, but it is not enough here:
    /// the first row's hidden pair must add up to 50 − 50 = 0, so both are zero. The pattern chosen instead
    /// lets a reader believe the first row could be 1 and 0, or 0 and 1.
    func testARowOfHiddenZerosIsNotGivenAway() {
        let published = CountTable(rows: [[0, 0, 50], [20, 30, 40]]).disclosed(under: ten)
        XCTAssertEqual(render(published), [
            "S S S | 50",
            "S S S | 90",
            "20 30 90 | 140",
        ])
        XCTAssertTrue(TableAttack(published).determinedEntries().isEmpty)
    }

    /// A suppressed cell that links two separate rectangles of suppressed cells is their difference: every row
    /// and column has two suppressed cells, yet the linking cell is determined. The suppression here never
    /// leaves such a link: the attacker finds nothing.
    func testALinkBetweenTwoGroupsOfSuppressedCellsIsNotLeft() {
        let table = CountTable(rows: [
            [3, 4, 40, 50],
            [5, 6, 7, 60],
            [70, 80, 8, 9],
            [90, 95, 85, 2],
        ])
        let published = table.disclosed(under: ten)
        XCTAssertTrue(TableAttack(published).determinedEntries().isEmpty, render(published).joined(separator: "\n"))
    }

    func testATableWithNothingSmallIsPublishedWhole() {
        let published = CountTable(rows: [[10, 20], [30, 40]]).disclosed(under: ten)
        XCTAssertEqual(render(published), ["10 20 | 30", "30 40 | 70", "40 60 | 100"])
    }

    func testATableUnderTheThresholdIsHiddenWhole() {
        let published = CountTable(rows: [[2, 3]]).disclosed(under: ten)
        XCTAssertEqual(render(published), ["S S | S", "S S | S"])
    }

    /// Seeded random tables, attacked: no suppressed entry is determined by the published figures, every count
    /// under the threshold is suppressed, and every published figure is the true one.
    func testRandomTablesCannotBeUndone() {
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<300 {
            let table = Self.randomTable(using: &generator)
            let published = table.disclosed(under: ten)
            let picture = render(published).joined(separator: "\n")
            let determined = TableAttack(published).determinedEntries()
            XCTAssertTrue(determined.isEmpty, "determined \(determined) in\n\(picture)\nfrom \(table.cells)")
            let rowTotals = table.rowTotals, columnTotals = table.columnTotals
            for row in 0..<table.rowCount {
                for column in 0..<table.columnCount {
                    Self.check(published.cells[row][column], truth: table[row, column], threshold: ten)
                }
                Self.check(published.rowTotals[row], truth: rowTotals[row], threshold: ten)
            }
            for column in 0..<table.columnCount { Self.check(published.columnTotals[column], truth: columnTotals[column], threshold: ten) }
            Self.check(published.grandTotal, truth: table.grandTotal, threshold: ten)
        }
    }

    static func randomTable(using generator: inout SeededGenerator) -> CountTable {
        let rows = Int.random(in: 1...6, using: &generator), columns = Int.random(in: 1...6, using: &generator)
        let smallShare = Double.random(in: 0.05...0.5, using: &generator)
        return CountTable(rows: (0..<rows).map { _ in
            (0..<columns).map { _ in
                Double.random(in: 0..<1, using: &generator) < smallShare
                    ? Int.random(in: 0...9, using: &generator)
                    : Int.random(in: 10...60, using: &generator)
            }
        })
    }

    private static func check(_ figure: Disclosed<Int>, truth: Int, threshold: DisclosureThreshold,
                              file: StaticString = #filePath, line: UInt = #line) {
        if !threshold.allows(truth) { XCTAssertTrue(figure.isSuppressed, "\(truth) is under the threshold", file: file, line: line) }
        if let value = figure.value { XCTAssertEqual(value, truth, file: file, line: line) }
        XCTAssertEqual(figure.value == nil, figure.isSuppressed, file: file, line: line)
    }

    /// Rows as "a b c | total", then the column totals and grand total; S for suppressed.
    private func render(_ table: DisclosedTable) -> [String] {
        func text(_ figure: Disclosed<Int>) -> String { figure.value.map(String.init) ?? "S" }
        var lines = zip(table.cells, table.rowTotals).map { cells, total in
            cells.map(text).joined(separator: " ") + " | " + text(total)
        }
        lines.append(table.columnTotals.map(text).joined(separator: " ") + " | " + text(table.grandTotal))
        return lines
    }
}

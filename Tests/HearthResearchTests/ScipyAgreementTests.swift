import Foundation
import HearthJSON
import HearthResearch
import HearthTestSupport
import XCTest

/// Every statistic computed on seeded generated data both here and by Tests/Research/check_statistics.py
/// (scipy and Python's statistics module), agreeing to 1e-9; and published tables attacked there by linear
/// programming with non-negative counts.
final class ScipyAgreementTests: XCTestCase {
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Research/check_statistics.py").path

    func testHearthAgreesWithScipy() throws {
        var quantiles: [JSONValue] = []
        func quantile(_ p: Double, _ df: Int) {
            quantiles.append(.object(["p": .number(p), "df": .number(Double(df)),
                                      "t": .number(StudentTDistribution(degreesOfFreedom: Double(df)).quantile(p))]))
        }
        for df in 1...10_000 { quantile(0.975, df) }
        for df in [1, 2, 3, 4, 5, 7, 10, 30, 100, 1000, 10_000] {
            for p in [0.000_001, 0.01, 0.1, 0.6, 0.9, 0.995, 0.9999] { quantile(p, df) }
        }
        var generator = SeededGenerator(seed: 2024)
        let paired = (0..<60).map { _ in Self.pairedCase(using: &generator) }
        let tables: [JSONValue] = (0..<150).map { _ in
            let table = CellSuppressionTests.randomTable(using: &generator)
            return .object(["threshold": .number(10), "cells": Self.rows(table), "published": Self.published(table.disclosed(under: .standard))])
        }
        // Keys sorted and Doubles in their shortest round-trip form, so Python reads back exactly what Hearth computed.
        let json = JSONWriter.bytes(of: .object(["t_quantiles": .array(quantiles), "paired": .array(paired), "tables": .array(tables)]),
                                    keyOrder: .sorted)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-research-\(UUID().uuidString).json")
        try Data(json).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try Self.run(["python3", Self.script, file.path])
        if status == 127 { throw XCTSkip("python3 is not installed, so the statistics were not checked against scipy") }
        if status == 2 { throw XCTSkip("scipy is not installed (python3 -m pip install scipy), so the statistics were not checked: \(output)") }
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.hasPrefix("agree:"), output)
        print("check_statistics.py:", output)
    }

    /// Scores like a real measure's (whole numbers 0–12) or pro-rated and mean scores (fractions), with and
    /// without a reliability and a published SD, and sizes from 1 to 300 pairs.
    private static func pairedCase(using generator: inout SeededGenerator) -> JSONValue {
        let n = [1, 2, 3, 5, 10, 30, 300][Int.random(in: 0..<7, using: &generator)]
        let whole = Bool.random(using: &generator)
        let shift = Double.random(in: -3...3, using: &generator)
        var pairs: [ScorePair] = []
        for _ in 0..<n {
            let before = whole ? Double(Int.random(in: 0...12, using: &generator)) : Double.random(in: 0...4, using: &generator)
            let after = whole ? Double(min(12, max(0, Int(before + shift) + Int.random(in: -3...3, using: &generator))))
                : before + shift + Double.random(in: -1...1, using: &generator)
            pairs.append(ScorePair(before: before, after: after))
        }
        let reliability: Double? = Bool.random(using: &generator) ? Double.random(in: 0.6...0.95, using: &generator) : nil
        let publishedSD: Double? = Bool.random(using: &generator) ? Double.random(in: 1...4, using: &generator) : nil
        let better: Direction = Bool.random(using: &generator) ? .higher : .lower
        let outcome = ScoreOutcome(score: .total, pairs: pairs, better: better,
                                   basis: ReliabilityBasis(reliability: reliability, publishedSD: publishedSD))
        let change = outcome.change
        func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        let reliable: JSONValue = outcome.reliable.map { counts in
            .object(["improved": .number(Double(counts.improved)), "deteriorated": .number(Double(counts.deteriorated)),
                     "no_change": .number(Double(counts.noChange))])
        } ?? .null
        return .object([
            "before": .array(pairs.map { .number($0.before) }), "after": .array(pairs.map { .number($0.after) }),
            "reliability": optional(reliability), "published_sd": optional(publishedSD),
            "better": .string(better.rawValue), "n": .number(Double(change.count)),
            "before_mean": optional(change.before.mean), "before_sd": optional(change.before.standardDeviation),
            "after_mean": optional(change.after.mean), "after_sd": optional(change.after.standardDeviation),
            "change_mean": optional(change.change.mean), "change_sd": optional(change.change.standardDeviation),
            "ci_lower": optional(change.confidenceInterval95?.lower), "ci_upper": optional(change.confidenceInterval95?.upper),
            "d_z": optional(change.effectSizeDZ), "d_av": optional(change.effectSizeDAv),
            "sd_source": outcome.reliableChange.map { .string($0.sdSource.rawValue) } ?? .null,
            "reliable": reliable,
        ])
    }

    private static func rows(_ table: CountTable) -> JSONValue {
        .array((0..<table.rowCount).map { row in .array((0..<table.columnCount).map { .number(Double(table[row, $0])) }) })
    }

    private static func published(_ table: DisclosedTable) -> JSONValue {
        func figure(_ value: Disclosed<Int>) -> JSONValue { value.value.map { .number(Double($0)) } ?? .null }
        return .object(["cells": .array(table.cells.map { .array($0.map(figure)) }), "row_totals": .array(table.rowTotals.map(figure)),
                        "column_totals": .array(table.columnTotals.map(figure)), "grand_total": figure(table.grandTotal)])
    }

    /// Runs a command through /usr/bin/env; 127 when it cannot be found.
    private static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

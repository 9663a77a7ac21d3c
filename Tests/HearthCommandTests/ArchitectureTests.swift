import Foundation
import XCTest

/// `Docs/architecture.md`'s table of targets is the map: it must say exactly what `Package.swift` declares, and
/// every target must declare each Hearth module it imports.
final class ArchitectureTests: XCTestCase {
    private let root = HearthBinary.repository

    /// Target name → declared dependencies, from Package.swift's `.target` and `.executableTarget` lines.
    private func declared() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let flattened = manifest.replacingOccurrences(of: "\n", with: " ")
        let pattern = try NSRegularExpression(pattern: #"\.(?:executableTarget|target)\(name: "([^"]+)"(?:, dependencies: \[([^\]]*)\])?"#)
        var targets: [String: Set<String>] = [:]
        for match in pattern.matches(in: flattened, range: NSRange(flattened.startIndex..., in: flattened)) {
            let name = String(flattened[Range(match.range(at: 1), in: flattened)!])
            guard name != "HearthTestSupport" else { continue }
            let list = Range(match.range(at: 2), in: flattened).map { String(flattened[$0]) } ?? ""
            targets[name] = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                .filter { !$0.isEmpty })
        }
        return targets
    }

    func testTheTableMatchesPackageSwift() throws {
        let document = try String(contentsOf: root.appendingPathComponent("Docs/architecture.md"), encoding: .utf8)
        var documented: [String: Set<String>] = [:]
        for line in document.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let dependencies = cells[2] == "nothing" ? [] : cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            documented[name] = Set(dependencies)
        }
        let targets = try declared().filter { $0.key.hasPrefix("Hearth") || $0.key == "hearth" }
        XCTAssertEqual(Set(documented.keys), Set(targets.keys), "the same targets")
        for (name, dependencies) in targets {
            XCTAssertEqual(documented[name], dependencies, "\(name)'s dependencies")
        }
    }

    func testEveryImportedHearthModuleIsDeclared() throws {
        for (name, dependencies) in try declared() {
            let folder = root.appendingPathComponent("Sources/\(name)")
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import Hearth") || line.hasPrefix("import C") {
                    let module = String(line.dropFirst("import ".count))
                    guard module != "CSQLite" || dependencies.contains("CSQLite") else { continue }
                    XCTAssertTrue(dependencies.contains(module), "\(name)/\(file) imports \(module) without declaring it")
                }
            }
        }
    }
}

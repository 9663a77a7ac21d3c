import Foundation
import HearthAPI
import HearthStore

/// `hearth tokens create|list|revoke`: researchers' access tokens. A new token (256 random bits, base64url) is
/// printed once, as the last line; the store keeps only its SHA-256 with the name, areas, scope and expiry.
enum TokensCommand {
    static let usage = """
        usage: hearth tokens create --name NAME --areas E10000012,E06000034|all --scope aggregate|rows [--expires 2027-06-30] [--db hearth.sqlite]
               hearth tokens list [--db hearth.sqlite]
               hearth tokens revoke NAME [--db hearth.sqlite]
        """

    static func run(_ arguments: [String]) -> Int32 {
        do {
            return try perform(arguments)
        } catch let error as CommandError {
            return error.report(command: "tokens")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "tokens")
        }
    }

    private static func perform(_ arguments: [String]) throws -> Int32 {
        guard let action = arguments.first else { throw CommandError.usage(usage) }
        if action == "-h" || action == "--help" { print(usage); return 0 }
        var options: [String: String] = [:]
        var positional: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                guard ["--name", "--areas", "--scope", "--expires", "--db"].contains(argument) else {
                    throw CommandError.usage("unknown option '\(argument)'.\n\(usage)")
                }
                guard index + 1 < arguments.count else { throw CommandError.usage("'\(argument)' needs a value.\n\(usage)") }
                options[argument] = arguments[index + 1]
                index += 2
            } else {
                positional.append(argument)
                index += 1
            }
        }
        let database = options["--db"] ?? "hearth.sqlite"
        let today = Int64(Date().timeIntervalSince1970 / 86_400)
        switch action {
        case "create":
            guard let name = options["--name"], !name.isEmpty, name.count <= 100,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || "-_. ".contains($0) }) else {
                throw CommandError.usage("'--name' is required: letters, digits, spaces, '-', '_' or '.', at most 100.\n\(usage)")
            }
            guard let areaList = options["--areas"] else { throw CommandError.usage("'--areas' is required: area codes, or all.\n\(usage)") }
            let areas: [String]? = areaList == "all" ? nil : areaList.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            if let areas, areas.isEmpty || !areas.allSatisfy(isAreaCode) {
                throw CommandError.usage("'--areas' takes ONS area codes like E10000012, separated by commas, or all.\n\(usage)")
            }
            guard let scope = options["--scope"].flatMap(ResearchToken.Scope.init(rawValue:)) else {
                throw CommandError.usage("'--scope' is aggregate (figures only) or rows (with row-level exports).\n\(usage)")
            }
            let expires = try options["--expires"].map { text -> Int64 in
                let parts = text.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                    throw CommandError.usage("'--expires' is a date, YYYY-MM-DD.\n\(usage)")
                }
                let day = CalendarDay(year: parts[0], month: parts[1], day: parts[2]).daysSince1970
                guard day >= today else { throw CommandError.usage("'--expires' \(text) is in the past.") }
                return day
            }
            var generator = SystemRandomNumberGenerator()
            let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let token = Data(secret).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let record = ResearchToken(name: name, hash: ResearchAccessHash.of(token), areas: areas, scope: scope, expiresDay: expires, createdDay: today)
            let created = try withStore(database) { store in try store.waiting { store.createToken(record, completion: $0) } }
            guard created else { throw CommandError(message: "a token called '\(name)' exists already; revoke it or choose another name", status: 1) }
            print("created '\(name)': \(scope.rawValue), \(areas?.joined(separator: ", ") ?? "all areas")\(expires.map { ", until \(CalendarDay(daysSince1970: $0).iso)" } ?? "")")
            print("This is the only time the token is shown; Hearth keeps only a hash of it:")
            print(token)
            return 0
        case "list":
            let tokens = try withStore(database) { store in try store.waiting { store.researchTokens(completion: $0) } }
            if tokens.isEmpty { print("no tokens") }
            for token in tokens {
                let state = token.revokedDay.map { "revoked \(CalendarDay(daysSince1970: $0).iso)" }
                    ?? (token.isUsable(on: today) ? "active" : "expired")
                print("\(token.name)\t\(token.scope.rawValue)\t\(token.areas?.joined(separator: ",") ?? "all")\t"
                      + "created \(CalendarDay(daysSince1970: token.createdDay).iso)\t"
                      + "\(token.expiresDay.map { "expires \(CalendarDay(daysSince1970: $0).iso)" } ?? "no expiry")\t\(state)")
            }
            return 0
        case "revoke":
            guard positional.count == 1 else { throw CommandError.usage(usage) }
            let revoked = try withStore(database) { store in try store.waiting { store.revokeToken(name: positional[0], completion: $0) } }
            guard revoked else { throw CommandError(message: "no active token is called '\(positional[0])'", status: 1) }
            print("revoked '\(positional[0])'")
            return 0
        default:
            throw CommandError.usage("unknown action '\(action)'.\n\(usage)")
        }
    }

    private static func isAreaCode(_ code: String) -> Bool {
        code.count == 9 && code.first!.isUppercase && code.dropFirst().allSatisfy(\.isNumber)
    }

    /// Opens the store (refusing to make one where there is none), runs `body`, and closes it.
    static func withStore<T>(_ path: String, _ body: (SQLiteEventStore) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError(message: "there is no database at \(path); start hearth serve once, or give --db", status: 66)
        }
        let store = try SQLiteEventStore(path: path)
        defer { store.close() }
        return try body(store)
    }
}

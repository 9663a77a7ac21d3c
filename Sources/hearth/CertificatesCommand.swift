import Foundation
import HearthAPI
import HearthStore

/// `hearth certificates revoke CODE [--db hearth.sqlite]`: withdraws a certificate issued by mistake; verifying it
/// then says it was withdrawn.
enum CertificatesCommand {
    static let usage = "usage: hearth certificates revoke CODE [--db hearth.sqlite]"

    static func run(_ arguments: [String]) -> Int32 {
        var database = "hearth.sqlite"
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--db" {
                guard index + 1 < arguments.count else { return CommandError.usage("'--db' needs a value.\n\(usage)").report(command: "certificates") }
                database = arguments[index + 1]
                index += 2
            } else {
                rest.append(arguments[index])
                index += 1
            }
        }
        guard rest.count == 2, rest[0] == "revoke" else {
            if rest.first == "-h" || rest.first == "--help" { print(usage); return 0 }
            return CommandError.usage(usage).report(command: "certificates")
        }
        guard let code = CertificateCode(typed: rest[1]) else {
            return CommandError.usage("'\(rest[1])' is not a certificate code: ten letters and digits, like 7KQ2M-PX9RD").report(command: "certificates")
        }
        guard FileManager.default.fileExists(atPath: database) else {
            return CommandError(message: "there is no database at \(database)", status: 66).report(command: "certificates")
        }
        do {
            let store = try SQLiteEventStore(path: database)
            defer { store.close() }
            let withdrawn = try store.waiting { store.withdrawCertificate(code: code.characters, completion: $0) }
            guard withdrawn else {
                return CommandError(message: "no certificate \(code.printed) is on record (or it was withdrawn already)", status: 1)
                    .report(command: "certificates")
            }
            print("withdrew \(code.printed): verifying it now says it was withdrawn")
            return 0
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "certificates")
        }
    }
}

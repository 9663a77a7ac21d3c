import HearthStore

/// A research token's hash as the store keeps it: lower-case hex SHA-256 of the token's text.
package enum ResearchAccessHash {
    package static func of(_ token: String) -> String {
        SHA256.hash(Array(token.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

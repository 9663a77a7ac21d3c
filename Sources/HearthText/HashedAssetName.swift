/// The cache-busting name of a built asset: `hearth.css` becomes `hearth.0123456789ab.css`, the 12 hex digits
/// taken from a fingerprint of its bytes. `hearth build` makes these names and `hearth serve` recognises them
/// to send them with a year's `Cache-Control`: one rule, so the two can never disagree.
package enum HashedAssetName {
    /// How many hex digits of the fingerprint a name carries.
    package static let digits = 12

    /// `name` with the fingerprint of `contents` before its extension (`app.js` → `app.0123456789ab.js`);
    /// a name without an extension has nowhere to put it and is returned as it is.
    package static func name(_ name: String, contents: [UInt8]) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return name }
        let fingerprint = HexDigit.lowercase(fingerprint(of: contents) >> UInt64(64 - 4 * digits), digits: digits)
        return "\(name[..<dot]).\(fingerprint)\(name[dot...])"
    }

    /// Whether the last segment of `path` carries a fingerprint: `stem.<12 hex digits>.extension`.
    package static func isHashed(_ path: String) -> Bool {
        let fileName = path.split(separator: "/").last ?? ""
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let hash = parts.dropLast().last, hash.utf8.count == digits else { return false }
        return hash.utf8.allSatisfy { HexDigit.value(of: $0) != nil }
    }

    /// A short, stable fingerprint of file contents (FNV-1a, 64 bits). Not a security hash: it only has to change
    /// when the bytes change, so that a browser told to cache a name for a year never keeps a stale copy.
    package static func fingerprint(of bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// A short, stable fingerprint of file contents for cache-busting asset names (FNV-1a, 64 bits).
///
/// Not a security hash: it only has to change when the bytes change, so that a browser
/// told to cache `hearth.3f2a….css` for a year never keeps a stale copy.
public enum ContentHash {
    public static func hex(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

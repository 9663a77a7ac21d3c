/// A certificate code: 50 random bits as 10 characters of Crockford's base32, printed `XXXXX-XXXXX`.
///
/// Crockford's alphabet leaves out I, L, O and U, so a code read aloud or typed from paper survives the
/// usual slips: reading is case-insensitive, I and L read as 1, O as 0, and hyphens and spaces are ignored.
package struct CertificateCode: Sendable, Equatable {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The ten characters, without the hyphen.
    package let characters: String

    /// A new code from a cryptographic generator.
    package static func random(using generator: inout some RandomNumberGenerator) -> CertificateCode {
        let bits = generator.next() & ((1 << 50) - 1)
        let characters = (0..<10).reversed().map { index in
            Character(UnicodeScalar(alphabet[Int((bits >> (5 * UInt64(index))) & 31)]))
        }
        return CertificateCode(canonical: String(characters))
    }

    private init(canonical: String) {
        characters = canonical
    }

    /// Reads a code as a person typed it; nil unless it is ten base32 characters.
    package init?(typed text: String) {
        var canonical: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: " "): continue
            default: break
            }
            var upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            switch upper {
            case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
            case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
            default: break
            }
            guard Self.alphabet.contains(upper) else { return nil }
            canonical.append(upper)
        }
        guard canonical.count == 10 else { return nil }
        characters = String(decoding: canonical, as: UTF8.self)
    }

    /// As printed: `XXXXX-XXXXX`.
    package var printed: String { "\(characters.prefix(5))-\(characters.suffix(5))" }
}

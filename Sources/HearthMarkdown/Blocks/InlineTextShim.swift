// TEMPORARY until the inline phase provides entity decoding: backslash escapes only.
enum InlineText {
    static func unescaped(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == ASCII.backslash, i + 1 < bytes.endIndex, (0x21...0x2F).contains(bytes[i+1]) || (0x3A...0x40).contains(bytes[i+1]) || (0x5B...0x60).contains(bytes[i+1]) || (0x7B...0x7E).contains(bytes[i+1]) { i += 1 }
            out.append(bytes[i]); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

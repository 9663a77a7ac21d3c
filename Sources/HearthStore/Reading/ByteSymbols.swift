/// Small numbers for the few distinct texts a column holds (courses, types, areas), read straight from SQLite's
/// bytes: counting a million events then makes no String per row.
struct ByteSymbols {
    private var byHash: [UInt64: [Int]] = [:]
    private(set) var texts: [String?] = []
    private var bytes: [[UInt8]] = []

    /// The number for `text` (0 is reserved for NULL).
    mutating func id(_ text: UnsafeBufferPointer<UInt8>?) -> Int {
        guard let text else {
            if texts.isEmpty { texts.append(nil); bytes.append([]) }
            return 0
        }
        if texts.isEmpty { texts.append(nil); bytes.append([]) }
        // FNV-1a: the texts are short and few, so any decent spread will do.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if let candidates = byHash[hash] {
            for id in candidates where bytes[id].elementsEqual(text) { return id }
        }
        let id = texts.count
        texts.append(String(decoding: text, as: UTF8.self))
        bytes.append(Array(text))
        byHash[hash, default: []].append(id)
        return id
    }

    /// The text of a number; nil for NULL.
    func text(_ id: Int) -> String? { texts[id] }
}

/// A Bloom filter over the ids in `event_ids`: "certainly not there" answers most duplicate checks
/// without a B-tree lookup, since nearly every event that arrives is new.
///
/// It may say "perhaps" for an id that is absent (then the lookup decides), but never "no" for one
/// that is present: every id written to the index is added before its transaction commits, and a
/// rolled-back write only leaves an extra "perhaps". Client ids are random UUIDs, so their own bits
/// serve as the hash values.
struct EventIDFilter {
    /// Bits per id the filter is sized for: with four probes, about one "perhaps" in 400 for a new id.
    static let bitsPerID = 16
    private static let probes: UInt64 = 4

    private var words: [UInt64]
    /// How many ids it was sized for; beyond that, false "perhaps" answers grow, so the owner rebuilds it larger.
    let capacity: Int

    /// An empty filter sized for `capacity` ids (at least 65,536).
    init(capacity: Int) {
        self.capacity = max(65_536, capacity)
        words = [UInt64](repeating: 0, count: self.capacity * Self.bitsPerID / 64)
    }

    mutating func insert(_ id: EventID) {
        let bits = UInt64(words.count * 64)
        var hash = id.low
        let step = id.high | 1
        for _ in 0..<Self.probes {
            let bit = hash % bits
            words[Int(bit / 64)] |= 1 << (bit % 64)
            hash &+= step
        }
    }

    /// False only when `id` was never inserted.
    func mayContain(_ id: EventID) -> Bool {
        let bits = UInt64(words.count * 64)
        var hash = id.low
        let step = id.high | 1
        for _ in 0..<Self.probes {
            let bit = hash % bits
            if words[Int(bit / 64)] & (1 << (bit % 64)) == 0 { return false }
            hash &+= step
        }
        return true
    }
}

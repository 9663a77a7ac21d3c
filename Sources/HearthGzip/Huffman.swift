/// A canonical Huffman code (RFC 1951, 3.2.2): each symbol's code length, and its code with the bits
/// reversed so a least-significant-first writer sends the code's first bit first.
struct HuffmanCode {
    /// Code length per symbol, 0 for unused symbols.
    var lengths: [UInt8]
    /// Code per symbol, bit-reversed.
    var codes: [UInt32]

    /// The canonical code for these lengths (0 means the symbol is unused).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        var perLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { perLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        codes = lengths.map { length in
            guard length > 0 else { return 0 }
            let value = next[Int(length)]
            next[Int(length)] += 1
            var reversed: UInt32 = 0
            for bit in 0..<Int(length) where value & (1 << bit) != 0 { reversed |= 1 << (Int(length) - 1 - bit) }
            return reversed
        }
    }

    /// The best code for these symbol counts whose lengths do not exceed `limit`.
    init(frequencies: [UInt32], limit: Int) {
        self.init(lengths: Self.lengths(for: frequencies, limit: limit))
    }

    /// Huffman code lengths, limited to `limit` bits, always forming a complete code.
    ///
    /// Fewer than two used symbols get two one-bit codes anyway: decoders such as zlib reject an
    /// incomplete code, and a single used symbol still needs one bit.
    static func lengths(for frequencies: [UInt32], limit: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: frequencies.count)
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        if used.count < 2 {
            for symbol in frequencies.indices where used.count < 2 && !used.contains(symbol) { used.append(symbol) }
            for symbol in used { result[symbol] = 1 }
            return result
        }
        // Ties broken by symbol so the same counts always give the same code.
        used.sort { frequencies[$0] != frequencies[$1] ? frequencies[$0] < frequencies[$1] : $0 < $1 }
        let leaves = used.count

        // Two queues: sorted leaves, and merged nodes, which are made in non-decreasing weight order.
        var weight = [UInt64](repeating: 0, count: 2 * leaves - 1)
        var parent = [Int](repeating: 0, count: 2 * leaves - 1)
        for index in 0..<leaves { weight[index] = UInt64(frequencies[used[index]]) }
        var nextLeaf = 0, nextNode = leaves, made = leaves
        for _ in 0..<(leaves - 1) {
            var pair = [0, 0]
            for side in 0..<2 {
                if nextLeaf < leaves && (nextNode >= made || weight[nextLeaf] <= weight[nextNode]) {
                    pair[side] = nextLeaf
                    nextLeaf += 1
                } else {
                    pair[side] = nextNode
                    nextNode += 1
                }
            }
            weight[made] = weight[pair[0]] + weight[pair[1]]
            parent[pair[0]] = made
            parent[pair[1]] = made
            made += 1
        }
        // A parent always has a higher index than its children, so one backward pass gives every depth.
        var depth = [Int](repeating: 0, count: 2 * leaves - 1)
        for node in stride(from: 2 * leaves - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        let deepest = depth[0..<leaves].max() ?? 1
        var perLength = [Int](repeating: 0, count: max(deepest, limit) + 1)
        for leaf in 0..<leaves { perLength[depth[leaf]] += 1 }

        // Too deep: move pairs of the deepest leaves up, each pair replacing a shallower leaf that moves down
        // one level with a new sibling. The Kraft sum stays exactly 1, so the code stays complete.
        var level = deepest
        while level > limit {
            while perLength[level] > 0 {
                var shallower = level - 2
                while perLength[shallower] == 0 { shallower -= 1 }
                perLength[level] -= 2
                perLength[level - 1] += 1
                perLength[shallower + 1] += 2
                perLength[shallower] -= 1
            }
            level -= 1
        }
        // The most frequent symbols get the shortest codes.
        var next = leaves - 1
        for length in 1..<perLength.count {
            for _ in 0..<perLength[length] {
                result[used[next]] = UInt8(length)
                next -= 1
            }
        }
        return result
    }
}

import Dispatch

/// DEFLATE (RFC 1951): LZ77 over a 32 KiB window with hash chains and lazy matching, each block then
/// sent with its own Huffman code, the fixed code, or stored, whichever is smallest.
///
/// The matching effort is what zlib calls level 5 (chains of 32, lazy matching below 16): on this
/// site's pages that comes within half a percent of `gzip -6`'s size, at a fraction of the search time
/// on repetitive files such as the search index.
enum Deflate {
    /// How far back a match may reach.
    static let windowSize = 32768
    /// The longest match DEFLATE can express.
    static let maximumMatch = 258
    /// Stop searching once a match this long is found.
    static let niceLength = 32
    /// Search chains at most this long; a quarter as long when the previous match is already good.
    static let chainLimit = 32
    /// A previous match at least this long shortens the next search.
    static let goodLength = 8
    /// Matches at least this long are taken without looking for a longer one at the next byte.
    static let lazyLimit = 16
    /// Symbols per block; the Huffman codes adapt to the data this often.
    static let blockSymbols = 16383
    /// Inputs longer than this are split into pieces compressed on several cores, each using the
    /// 32 KiB before it as its dictionary; the split depends only on the size, so output stays deterministic.
    static let pieceSize = 256 * 1024

    /// A raw DEFLATE stream of `input`, its last block marked final.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        let pieces = pieceCount(for: input.count)
        if pieces == 1 { return compressPiece(input, from: 0, to: input.count, final: true) }
        let results = CompressedPieces(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * pieceSize
            results.store(compressPiece(input, from: start, to: min(input.count, start + pieceSize), final: piece == pieces - 1), at: piece)
        }
        return results.joined()
    }

    /// How many pieces an input of `count` bytes is compressed in (more than one runs on several cores).
    static func pieceCount(for count: Int) -> Int {
        max(1, (count + pieceSize - 1) / pieceSize)
    }

    /// One piece's bytes, ending on a byte boundary.
    private static func compressPiece(_ input: [UInt8], from start: Int, to end: Int, final: Bool) -> [UInt8] {
        var output = BitWriter()
        output.bytes.reserveCapacity((end - start) / 3 + 64)
        input.withUnsafeBufferPointer { compress($0, from: start, to: end, final: final, into: &output) }
        output.alignToByte()
        return output.bytes
    }

    /// Compresses `data[start..<end]` into `output`, finding matches as far back as 32 KiB before `start`.
    /// A piece that is not final ends with an empty stored block, so it ends on a byte boundary and the next
    /// piece's bytes can simply follow (what RFC 1951 calls a sync flush).
    static func compress(_ data: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, final: Bool, into output: inout BitWriter) {
        guard let baseAddress = data.baseAddress, start < end else {
            if final {
                output.write(1 | 1 << 1, bits: 3)  // final, fixed code, then end-of-block (seven zero bits)
                output.write(0, bits: 7)
            }
            return
        }
        var matcher = Matcher(window: baseAddress + max(0, start - windowSize), count: end - max(0, start - windowSize))
        defer { matcher.release() }
        matcher.run(from: start - max(0, start - windowSize), final: final, into: &output)
        if !final {
            output.write(0, bits: 3)
            output.alignToByte()
            output.write(0xFFFF_0000, bits: 32)
        }
    }
}

/// The code tables of RFC 1951, 3.2.5.
enum DeflateTables {
    /// The shortest length of each length code, 257–285.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                    67, 83, 99, 115, 131, 163, 195, 227, 258]
    /// Extra bits after each length code.
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// The shortest distance of each distance code.
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    /// Extra bits after each distance code.
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order code-length code lengths are sent in (3.2.7).
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length code index (0 for symbol 257) by match length minus 3. Length 258 has its own code, 285.
    static let lengthCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for code in 0..<28 {
            for length in lengthBase[code]..<(lengthBase[code] + (1 << lengthExtra[code])) where length <= 257 {
                table[length - 3] = UInt8(code)
            }
        }
        table[255] = 28
        return table
    }()

    /// Distance code by distance minus 1: entries 0–255 directly, then one entry per 128 distances,
    /// since every code above 15 covers whole 128-aligned ranges.
    static let distanceCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for code in 0..<30 {
            for distance in (distanceBase[code] - 1)..<(distanceBase[code] - 1 + (1 << distanceExtra[code])) {
                if distance < 256 { table[distance] = UInt8(code) } else { table[256 + (distance >> 7)] = UInt8(code) }
            }
        }
        return table
    }()

    /// The fixed literal/length code (3.2.6).
    static let fixedLiterals = HuffmanCode(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    /// The fixed distance code: five bits each.
    static let fixedDistances = HuffmanCode(lengths: [UInt8](repeating: 5, count: 30))
}

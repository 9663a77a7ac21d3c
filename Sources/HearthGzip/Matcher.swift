/// One run of the LZ77 matcher over a window of input, collecting symbols and sending them a block at a time.
///
/// Positions are relative to `window`; bytes before the starting position are only a dictionary.
/// Hash chains: `head` holds the latest position (plus one, so zero means none) for each hash of three
/// bytes, and `previous` the position before it with the same hash, indexed modulo the window size.
struct Matcher {
    /// The dictionary bytes followed by the bytes to compress.
    let window: UnsafePointer<UInt8>
    /// Bytes in `window`.
    let count: Int
    private let hashShift: UInt32
    private let head: UnsafeMutablePointer<Int32>
    private let headCount: Int
    private let previous: UnsafeMutablePointer<Int32>
    private let previousMask: Int
    /// Per symbol: a literal byte (distance 0), or a match length with its distance.
    private let lengths: UnsafeMutablePointer<UInt16>
    private let distances: UnsafeMutablePointer<UInt16>
    private var symbols = 0
    private let literalCounts: UnsafeMutablePointer<UInt32>
    private let distanceCounts: UnsafeMutablePointer<UInt32>
    /// Copies of the RFC tables: the hot loops index these without the retains and lazy-initialisation checks of globals.
    private let lengthCode: UnsafeMutablePointer<UInt8>
    private let distanceCode: UnsafeMutablePointer<UInt8>
    private let lengthBase: UnsafeMutablePointer<Int>
    private let lengthExtra: UnsafeMutablePointer<Int>
    private let distanceBase: UnsafeMutablePointer<Int>
    private let distanceExtra: UnsafeMutablePointer<Int>
    /// The input covered by the symbols so far, and where the current block began.
    private var covered = 0
    private var blockStart = 0

    /// Allocates tables sized for `count` bytes; `release()` frees them.
    init(window: UnsafePointer<UInt8>, count: Int) {
        self.window = window
        self.count = count
        // Small inputs get small tables: clearing 256 KiB for a 3 KiB page would cost more than compressing it.
        let hashBits = min(15, max(8, Int.bitWidth - count.leadingZeroBitCount))
        hashShift = UInt32(32 - hashBits)
        headCount = 1 << hashBits
        head = .allocate(capacity: headCount)
        head.initialize(repeating: 0, count: headCount)
        var previousCount = 1
        while previousCount < min(count, Deflate.windowSize) { previousCount <<= 1 }
        previous = .allocate(capacity: previousCount)
        previous.initialize(repeating: 0, count: previousCount)
        previousMask = previousCount - 1
        // Symbol buffers are as big as a block can get, or as the input if that is smaller.
        let symbolCapacity = min(Deflate.blockSymbols, count + 1)
        lengths = .allocate(capacity: symbolCapacity)
        distances = .allocate(capacity: symbolCapacity)
        literalCounts = .allocate(capacity: 286)
        literalCounts.initialize(repeating: 0, count: 286)
        distanceCounts = .allocate(capacity: 30)
        distanceCounts.initialize(repeating: 0, count: 30)
        lengthCode = Self.copy(DeflateTables.lengthCode)
        distanceCode = Self.copy(DeflateTables.distanceCode)
        lengthBase = Self.copy(DeflateTables.lengthBase)
        lengthExtra = Self.copy(DeflateTables.lengthExtra)
        distanceBase = Self.copy(DeflateTables.distanceBase)
        distanceExtra = Self.copy(DeflateTables.distanceExtra)
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: array.count)
        pointer.initialize(from: array, count: array.count)
        return pointer
    }

    /// Frees the tables; call once when done.
    func release() {
        head.deallocate()
        previous.deallocate()
        lengths.deallocate()
        distances.deallocate()
        for pointer in [literalCounts, distanceCounts] { pointer.deallocate() }
        for pointer in [lengthCode, distanceCode] { pointer.deallocate() }
        for pointer in [lengthBase, lengthExtra, distanceBase, distanceExtra] { pointer.deallocate() }
    }

    /// Records `position` in its hash chain and returns the previous position with the same hash, or -1.
    @inline(__always)
    private func insert(_ position: Int) -> Int {
        let bytes = UInt32(window[position]) | UInt32(window[position + 1]) << 8 | UInt32(window[position + 2]) << 16
        let hash = Int((bytes &* 0x9E37_79B1) >> hashShift)
        let candidate = head[hash]
        previous[position & previousMask] = candidate
        head[hash] = Int32(position + 1)
        return Int(candidate) - 1
    }

    /// The longest match at `position` longer than `atLeast`, following the chain from `candidate`; (0, 0) if none.
    @inline(__always)
    private func longestMatch(at position: Int, candidate: Int, chain: Int, atLeast: Int) -> (length: Int, distance: Int) {
        let maximum = min(Deflate.maximumMatch, count - position)
        var bestLength = max(atLeast, 2)
        guard maximum > bestLength else { return (0, 0) }
        var bestDistance = 0
        let nice = min(Deflate.niceLength, maximum)
        let scan = window + position
        let oldest = position - Deflate.windowSize
        var candidate = candidate
        var chain = chain
        while candidate >= oldest && candidate >= 0 && chain > 0 {
            let match = window + candidate
            // Checking the byte that would make this match the longest first rejects most candidates at once.
            if match[bestLength] == scan[bestLength] && match[0] == scan[0] && match[1] == scan[1] {
                var length = 2
                var differed = false
                while length + 8 <= maximum {
                    let a = UInt64(littleEndian: UnsafeRawPointer(scan + length).loadUnaligned(as: UInt64.self))
                    let b = UInt64(littleEndian: UnsafeRawPointer(match + length).loadUnaligned(as: UInt64.self))
                    if a != b {
                        length += (a ^ b).trailingZeroBitCount >> 3
                        differed = true
                        break
                    }
                    length += 8
                }
                if !differed { while length < maximum && scan[length] == match[length] { length += 1 } }
                if length > bestLength {
                    bestLength = length
                    bestDistance = position - candidate
                    if length >= nice { break }
                }
            }
            let next = Int(previous[candidate & previousMask]) - 1
            // A slot reused by a newer position ends the chain; chains only go backwards.
            if next >= candidate { break }
            candidate = next
            chain -= 1
        }
        return bestDistance == 0 ? (0, 0) : (bestLength, bestDistance)
    }

    /// Matches from `start` to the end of the window and writes every block.
    mutating func run(from start: Int, final: Bool, into output: inout BitWriter) {
        for position in 0..<start where position + 2 < count { _ = insert(position) }
        covered = start
        blockStart = start
        var position = start
        // Lazy matching: a match found at one byte is held back until the next byte shows it has no longer one.
        var pending = false
        var pendingLength = 0, pendingDistance = 0
        while position < count {
            var length = 0, distance = 0
            let candidate = position + 2 < count ? insert(position) : -1
            if candidate >= 0 && pendingLength < Deflate.lazyLimit {
                let chain = pendingLength >= Deflate.goodLength ? Deflate.chainLimit / 4 : Deflate.chainLimit
                (length, distance) = longestMatch(at: position, candidate: candidate, chain: chain, atLeast: pendingLength)
                // A three-byte match far back costs about as much as three literals.
                if length == 3 && distance > 4096 { length = 0 }
            }
            if pendingLength >= 3 && length <= pendingLength {
                let end = position - 1 + pendingLength
                emitMatch(length: pendingLength, distance: pendingDistance, output: &output)
                for inside in (position + 1)..<end where inside + 2 < count { _ = insert(inside) }
                position = end
                pending = false
                pendingLength = 0
            } else {
                if pending { emitLiteral(window[position - 1], output: &output) }
                pending = true
                pendingLength = length
                pendingDistance = distance
                position += 1
            }
        }
        if pending { emitLiteral(window[position - 1], output: &output) }
        if final || symbols > 0 { flush(final: final, into: &output) }
    }

    @inline(__always)
    private mutating func emitLiteral(_ byte: UInt8, output: inout BitWriter) {
        lengths[symbols] = UInt16(byte)
        distances[symbols] = 0
        literalCounts[Int(byte)] += 1
        symbols += 1
        covered += 1
        if symbols == Deflate.blockSymbols { flush(final: false, into: &output) }
    }

    @inline(__always)
    private mutating func emitMatch(length: Int, distance: Int, output: inout BitWriter) {
        lengths[symbols] = UInt16(length)
        distances[symbols] = UInt16(distance)
        literalCounts[257 + Int(lengthCode[length - 3])] += 1
        distanceCounts[code(ofDistance: distance)] += 1
        symbols += 1
        covered += length
        if symbols == Deflate.blockSymbols { flush(final: false, into: &output) }
    }

    @inline(__always)
    private func code(ofDistance distance: Int) -> Int {
        let index = distance - 1
        return Int(distanceCode[index < 256 ? index : 256 + (index >> 7)])
    }

    /// Sends the collected symbols as one block in whichever form is smallest, then starts a new block.
    private mutating func flush(final: Bool, into output: inout BitWriter) {
        literalCounts[256] = 1
        let literals = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: literalCounts, count: 286)), limit: 15)
        let distanceTree = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: distanceCounts, count: 30)), limit: 15)
        let fixedLengths = DeflateTables.fixedLiterals.lengths
        var extraBits = 0
        for code in 0..<29 { extraBits += Int(literalCounts[257 + code]) * lengthExtra[code] }
        for code in 0..<30 { extraBits += Int(distanceCounts[code]) * distanceExtra[code] }
        var dynamicBits = extraBits, fixedBits = extraBits
        for symbol in 0..<286 {
            dynamicBits += Int(literalCounts[symbol]) * Int(literals.lengths[symbol])
            fixedBits += Int(literalCounts[symbol]) * Int(fixedLengths[symbol])
        }
        for code in 0..<30 {
            dynamicBits += Int(distanceCounts[code]) * Int(distanceTree.lengths[code])
            fixedBits += Int(distanceCounts[code]) * 5
        }
        let header = DynamicHeader(literals: literals, distances: distanceTree)
        dynamicBits += 3 + header.bits
        fixedBits += 3
        let raw = covered - blockStart
        let storedBlocks = max(1, (raw + 65534) / 65535)
        let storedBits = 3 + (8 - (output.pendingBits + 3) % 8) % 8 + 32 + raw * 8 + (storedBlocks - 1) * 40

        if storedBits <= min(dynamicBits, fixedBits) {
            writeStored(final: final, into: &output)
        } else if fixedBits <= dynamicBits {
            output.write((final ? 1 : 0) | 1 << 1, bits: 3)
            writeSymbols(DeflateTables.fixedLiterals, DeflateTables.fixedDistances, into: &output)
        } else {
            output.write((final ? 1 : 0) | 2 << 1, bits: 3)
            header.write(into: &output)
            writeSymbols(literals, distanceTree, into: &output)
        }
        symbols = 0
        literalCounts.update(repeating: 0, count: 286)
        distanceCounts.update(repeating: 0, count: 30)
        blockStart = covered
    }

    private func writeStored(final: Bool, into output: inout BitWriter) {
        var offset = blockStart
        repeat {
            let length = min(65535, covered - offset)
            let last = offset + length == covered
            output.write(final && last ? 1 : 0, bits: 3)
            output.alignToByte()
            output.write(UInt32(length) | UInt32(~length & 0xFFFF) << 16, bits: 32)
            output.bytes.append(contentsOf: UnsafeBufferPointer(start: window + offset, count: length))
            offset += length
        } while offset < covered
    }

    private func writeSymbols(_ literals: HuffmanCode, _ distanceTree: HuffmanCode, into output: inout BitWriter) {
        literals.codes.withUnsafeBufferPointer { literalCodes in
        literals.lengths.withUnsafeBufferPointer { literalLengths in
        distanceTree.codes.withUnsafeBufferPointer { distanceCodes in
        distanceTree.lengths.withUnsafeBufferPointer { distanceLengths in
            for index in 0..<symbols {
                let value = Int(lengths[index])
                let distance = Int(distances[index])
                if distance == 0 {
                    output.write(literalCodes[value], bits: Int(literalLengths[value]))
                    continue
                }
                let lengthIndex = Int(lengthCode[value - 3])
                let bits = Int(literalLengths[257 + lengthIndex])
                output.write(literalCodes[257 + lengthIndex] | UInt32(value - lengthBase[lengthIndex]) << bits,
                             bits: bits + lengthExtra[lengthIndex])
                let symbol = code(ofDistance: distance)
                let distanceBits = Int(distanceLengths[symbol])
                output.write(distanceCodes[symbol] | UInt32(distance - distanceBase[symbol]) << distanceBits,
                             bits: distanceBits + distanceExtra[symbol])
            }
            output.write(literalCodes[256], bits: Int(literalLengths[256]))
        }
        }
        }
        }
    }
}

/// The start of a dynamic block (RFC 1951, 3.2.7): both codes' lengths, run-length coded, themselves Huffman coded.
struct DynamicHeader {
    /// Literal/length code lengths sent (HLIT + 257).
    let literalCount: Int
    /// Distance code lengths sent (HDIST + 1).
    let distanceCount: Int
    /// Code-length symbols (0–18) with their extra-bit values.
    private var items: [(symbol: Int, extra: UInt32)] = []
    private let lengthCode: HuffmanCode
    private let lengthCodeCount: Int
    /// The header's size in bits, for choosing the block type.
    private(set) var bits = 0

    /// Run-length codes both codes' lengths and works out the header's size.
    init(literals: HuffmanCode, distances: HuffmanCode) {
        var literalCount = 286
        while literalCount > 257 && literals.lengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1 && distances.lengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        self.literalCount = literalCount
        self.distanceCount = distanceCount

        let sequence = Array(literals.lengths[0..<literalCount]) + Array(distances.lengths[0..<distanceCount])
        var index = 0
        while index < sequence.count {
            let length = sequence[index]
            var run = 1
            while index + run < sequence.count && sequence[index + run] == length { run += 1 }
            index += run
            if length == 0 {
                while run >= 11 {
                    let take = min(run, 138)
                    items.append((18, UInt32(take - 11)))
                    run -= take
                }
                if run >= 3 {
                    items.append((17, UInt32(run - 3)))
                    run = 0
                }
            } else {
                items.append((Int(length), 0))
                run -= 1
                while run >= 3 {
                    let take = min(run, 6)
                    items.append((16, UInt32(take - 3)))
                    run -= take
                }
            }
            for _ in 0..<run { items.append((Int(length), 0)) }
        }
        var counts = [UInt32](repeating: 0, count: 19)
        for item in items { counts[item.symbol] += 1 }
        lengthCode = HuffmanCode(frequencies: counts, limit: 7)
        var lengthCodeCount = 19
        while lengthCodeCount > 4 && lengthCode.lengths[DeflateTables.codeLengthOrder[lengthCodeCount - 1]] == 0 { lengthCodeCount -= 1 }
        self.lengthCodeCount = lengthCodeCount
        bits = 14 + 3 * lengthCodeCount
        for item in items { bits += Int(lengthCode.lengths[item.symbol]) + Self.extraBits(item.symbol) }
    }

    private static func extraBits(_ symbol: Int) -> Int {
        symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0
    }

    /// Writes HLIT, HDIST, HCLEN, the code-length code and the coded lengths.
    func write(into output: inout BitWriter) {
        output.write(UInt32(literalCount - 257), bits: 5)
        output.write(UInt32(distanceCount - 1), bits: 5)
        output.write(UInt32(lengthCodeCount - 4), bits: 4)
        for index in 0..<lengthCodeCount {
            output.write(UInt32(lengthCode.lengths[DeflateTables.codeLengthOrder[index]]), bits: 3)
        }
        for item in items {
            output.write(lengthCode.codes[item.symbol], bits: Int(lengthCode.lengths[item.symbol]))
            let extra = Self.extraBits(item.symbol)
            if extra > 0 { output.write(item.extra, bits: extra) }
        }
    }
}

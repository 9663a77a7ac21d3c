/// Bits packed least significant first, as DEFLATE (RFC 1951, 3.1.1) stores them.
struct BitWriter {
    /// Whole bytes written so far.
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    /// Bits in `buffer` not yet in `bytes`; always below 32 between calls.
    private(set) var pendingBits = 0

    /// Appends the low `bits` bits of `value` (at most 32).
    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
        buffer |= UInt64(value) << UInt64(pendingBits)
        pendingBits += bits
        if pendingBits >= 32 {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian) { bytes.append(contentsOf: $0) }
            buffer >>= 32
            pendingBits -= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and moves everything into `bytes`.
    mutating func alignToByte() {
        while pendingBits > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            pendingBits -= 8
        }
        buffer = 0
        pendingBits = 0
    }
}

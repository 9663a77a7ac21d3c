/// gzip (RFC 1952) members: the `.gz` files the build writes beside compressible pages and assets.
package enum Gzip {
    /// One gzip member holding `input`: no file name, modification time 0 and OS "Unix", so the same
    /// input always gives the same bytes and a rebuild of an unchanged site changes nothing.
    package static func compress(_ input: [UInt8]) -> [UInt8] {
        // ID1 ID2, CM 8 (deflate), FLG 0, MTIME 0, XFL 0, OS 3.
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        output.append(contentsOf: Deflate.compress(input))
        let crc = CRC32.checksum(input)
        let size = UInt32(truncatingIfNeeded: input.count)
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return output
    }
}

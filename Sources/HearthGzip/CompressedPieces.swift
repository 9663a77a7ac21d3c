import Foundation

/// The pieces of one input compressed on several threads, each into its own slot, joined once all are done.
final class CompressedPieces: @unchecked Sendable {
    private var pieces: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) { pieces = Array(repeating: [], count: count) }

    /// Stores one piece; each index is written by exactly one thread.
    func store(_ bytes: [UInt8], at index: Int) {
        lock.lock()
        pieces[index] = bytes
        lock.unlock()
    }

    /// The pieces' bytes one after another; call only after every store has finished.
    func joined() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return Array(pieces.joined())
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A response body sent from an open file rather than memory (a research export), so memory stays flat however
/// large it is. The file is usually already unlinked: closing the descriptor, when the last response using it is
/// done, removes it.
package final class FileBody: Sendable {
    package let descriptor: Int32
    package let length: Int

    /// Takes ownership of `descriptor`, whose first `length` bytes are the body.
    package init(descriptor: Int32, length: Int) {
        self.descriptor = descriptor
        self.length = length
    }

    deinit {
        close(descriptor)
    }
}

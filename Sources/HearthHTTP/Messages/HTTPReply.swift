/// What a handler gives back: a response now, or a promise to answer later (after a store commit)
/// without holding the event loop meanwhile.
package enum HTTPReply: Sendable {
    case now(HTTPResponse)
    /// The closure is called at once; it must call `respond` exactly once, from any thread.
    case later(@Sendable (_ respond: @escaping @Sendable (HTTPResponse) -> Void) -> Void)
}

/// A participant has already answered this measure for this course on this occasion: a baseline is never
/// overwritten, so the second answer is refused and the first stays.
package struct AlreadyAnswered: Error, Sendable {
    package init() {}
}

/// A figure as it may be published: shown (its value, or nil when it is undefined for these data, such as an
/// SD of one value) or suppressed (nil, flagged). A suppressed figure is never a zero.
package struct Disclosed<Value: Hashable & Sendable>: Hashable, Sendable {
    package let value: Value?
    package let isSuppressed: Bool

    private init(value: Value?, isSuppressed: Bool) {
        self.value = value
        self.isSuppressed = isSuppressed
    }

    /// A published figure; nil when it is undefined for these data.
    package static func shown(_ value: Value?) -> Disclosed { Disclosed(value: value, isSuppressed: false) }

    /// A hidden figure.
    package static var suppressed: Disclosed { Disclosed(value: nil, isSuppressed: true) }

    /// The figure when `allowed`, else suppressed.
    package static func shown(_ value: Value?, if allowed: Bool) -> Disclosed {
        allowed ? .shown(value) : .suppressed
    }
}

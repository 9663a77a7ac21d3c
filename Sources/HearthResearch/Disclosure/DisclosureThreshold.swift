/// The smallest count a researcher may see (default 10, never below 5); smaller counts, zeros included, are
/// suppressed, and so is every statistic (mean, SD, interval, effect size, percentage) resting on fewer people.
package struct DisclosureThreshold: Hashable, Sendable {
    /// Below this no threshold protects anyone: a count of 1–4 identifies people in a local area.
    package static let minimum = 5
    /// The usual UK rule of thumb for research outputs.
    package static let standard = DisclosureThreshold(checked: 10)

    package let value: Int

    /// Refuses a threshold under `minimum`.
    package init(_ value: Int) throws(DisclosureError) {
        guard value >= Self.minimum else { throw .thresholdTooLow(value) }
        self.value = value
    }

    private init(checked value: Int) { self.value = value }

    /// Whether a count, or a statistic resting on this many people, may be published.
    package func allows(_ count: Int) -> Bool { count >= value }

    /// A count as it may be published: itself, or suppressed.
    package func disclose(_ count: Int) -> Disclosed<Int> {
        allows(count) ? .shown(count) : .suppressed
    }
}

/// A disclosure setting that would publish too much.
package enum DisclosureError: Error, Hashable, Sendable, CustomStringConvertible {
    case thresholdTooLow(Int)

    package var description: String {
        switch self {
        case .thresholdTooLow(let value):
            "the research threshold must be at least \(DisclosureThreshold.minimum); \(value) would publish counts small enough to identify people"
        }
    }
}

/// The `funnel` figures for a course: the anonymous path from starting to finishing, and the research
/// participants' path through the questionnaires — the attrition a programme evaluation publishes.
package struct Funnel: Hashable, Sendable {
    /// One step and how many reached it.
    package struct Stage: Hashable, Sendable {
        /// A stable name: `course.started`, `module.<id>.started`, `answered.before`, …
        package var key: String
        package var label: String
        package var count: Disclosed<Int>

        package init(key: String, label: String, count: Disclosed<Int>) {
            self.key = key
            self.label = label
            self.count = count
        }
    }

    package var course: String
    package var title: String
    package var threshold: Int
    /// Course started → each module started and completed → course completed (anonymous counts).
    package var anonymous: [Stage]
    /// Consented → answered before → completed → answered after → answered follow-up (distinct participants).
    package var participants: [Stage]

    /// Counts keyed as the stages are; labels in the order given.
    package init(course: String, title: String, anonymous: [(key: String, label: String, count: Int)],
                 participants: [(key: String, label: String, count: Int)], threshold: DisclosureThreshold) {
        self.course = course
        self.title = title
        self.threshold = threshold.value
        self.anonymous = anonymous.map { Stage(key: $0.key, label: $0.label, count: threshold.disclose($0.count)) }
        self.participants = participants.map { Stage(key: $0.key, label: $0.label, count: threshold.disclose($0.count)) }
    }
}

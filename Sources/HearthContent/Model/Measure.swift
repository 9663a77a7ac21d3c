/// A questionnaire instrument (e.g. PHQ-4, ONS4) from `Content/measures/<id>.xml`.
///
/// Item wording is kept verbatim: validated instruments are only valid as written.
public struct Measure: Hashable, Sendable {
    public enum Scoring: String, Hashable, Sendable {
        /// The total of item scores.
        case sum
        /// The mean of answered item scores.
        case mean
        /// Each item reported on its own (ONS4's four questions are never added up).
        case items
    }

    /// Which way a score moves when things are going better for the person.
    public enum Direction: String, Hashable, Sendable {
        /// A higher score is better (ONS4 life satisfaction, CSI-4).
        case higher
        /// A lower score is better (PHQ-4, ONS4 anxiety).
        case lower
    }

    public var id: String
    public var title: String
    /// Read out before the items, e.g. "Over the last 2 weeks, how often…".
    public var instructions: String
    public var scale: ResponseScale
    public var items: [MeasureItem]
    public var subscales: [Subscale]
    public var scoring: Scoring
    /// Which direction is better for the total; subscales and items inherit it unless they say otherwise.
    public var better: Direction
    /// False for Hearth's own questionnaires, which have not been through a published validation study.
    public var validated: Bool
    /// How many items may be left unanswered while still scoring the response.
    public var missingAllowed: Int
    public var bands: [MeasureBand]
    /// Messages shown to the person when a score reaches a threshold, e.g. "talk to your GP".
    public var signposts: [Signpost]
    /// Internal consistency (Cronbach's alpha) and the standard deviation of the total in a
    /// reference sample, for reliable-change statistics.
    public var reliability: Double?
    public var standardDeviation: Double?
    public var licence: String
    /// A note for whoever deploys the site about the licence, e.g. that permission must be confirmed.
    public var licenceNote: String?
    public var source: String
    public var language: String
    public var location: SourceLocation

    /// Which direction is better for `scope`: nil for the total, or a subscale or item id.
    public func better(for scope: String?) -> Direction {
        guard let scope else { return better }
        if let subscale = subscales.first(where: { $0.id == scope }) { return subscale.better }
        if let item = items.first(where: { $0.id == scope }) { return item.better }
        return better
    }
}

/// The answers every item of a measure offers, each with its score.
public struct ResponseScale: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public var value: Int
        public var label: String
    }

    public var points: [Point]

    public var minimum: Int { points.map(\.value).min() ?? 0 }
    public var maximum: Int { points.map(\.value).max() ?? 0 }
}

/// One question of a measure.
public struct MeasureItem: Hashable, Sendable {
    public var id: String
    /// Verbatim wording.
    public var text: String
    /// Scored as (min + max − answer).
    public var reversed: Bool
    /// Which direction is better for this item's score (after any reversal): its own, or the measure's.
    public var better: Measure.Direction
    /// A scale of its own, when this item's answers differ from the measure's (ONS4 items use 0–10).
    public var scale: ResponseScale?
    public var location: SourceLocation
}

/// A named group of items scored together, e.g. PHQ-4's anxiety (GAD-2) and depression (PHQ-2) pairs.
public struct Subscale: Hashable, Sendable {
    public var id: String
    public var title: String
    public var itemIDs: [String]
    /// Which direction is better for this subscale's score: its own, or the measure's.
    public var better: Measure.Direction
    public var location: SourceLocation
}

/// A labelled range of scores, e.g. PHQ-4 6–8 "moderate".
public struct MeasureBand: Hashable, Sendable {
    public var minimum: Double
    public var maximum: Double
    public var label: String
    /// Which score the band applies to: nil for the total, or a subscale or item id.
    public var scope: String?
}

/// A message shown to the person when a score is at or above `minimum`, or at or below `maximum`.
public struct Signpost: Hashable, Sendable {
    public var minimum: Double?
    public var maximum: Double?
    /// nil for the total, or a subscale or item id.
    public var scope: String?
    public var message: String
}

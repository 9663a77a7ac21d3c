/// When in a course a questionnaire is answered. The browser takes it from where the person is in the
/// course (the page they answer on), never from a control they could miss.
public enum MeasureOccasion: String, Hashable, Sendable, CaseIterable {
    /// Before the first module.
    case before
    /// At the end, once `afterDays` have passed since the before answers.
    case after
    /// Once more, `followUpDays` after the before answers, for courses that set it.
    case followUp = "follow-up"
}

extension Course {
    /// The measure ids asked on `occasion`: the follow-up repeats the after measures, when the course has one.
    public func measures(on occasion: MeasureOccasion) -> [String] {
        switch occasion {
        case .before: measuresBefore
        case .after: measuresAfter
        case .followUp: followUpDays == nil ? [] : measuresAfter
        }
    }

    /// Days after the before answers that `occasion`'s questions become due (0 for before; nil when never).
    public func daysUntil(_ occasion: MeasureOccasion) -> Int? {
        switch occasion {
        case .before: 0
        case .after: afterDays
        case .followUp: followUpDays
        }
    }
}

/// Which way a score moves when things get better for the person (PHQ-4: lower; life satisfaction: higher).
///
/// Kept here until the measure model carries it; callers pass a `(ScoreID) -> Direction` so that wiring it to the
/// model later changes one line.
package enum Direction: String, Hashable, Sendable {
    case higher
    case lower
}

/// The table of every published figure of one measure's outcomes: a row per figure, a column per score (a measure
/// has few scores and many figures, so this way round it fits a phone).
struct OutcomeFigures {
    let section: OutcomeSection

    func table(id: String) -> ReportTable {
        let scores = section.answer.scores
        func row(_ header: String, _ cell: (OutcomesAnswer.Score) -> ReportCell) -> ReportTable.Row {
            ReportTable.Row(header: header, cells: scores.map(cell))
        }
        let noSD = "an SD needs at least two people", noEffect = "the SD it divides by is zero"
        let noReliability = "the measure gives no reliability for this score, so reliable change cannot be tested"
        func reliable(_ count: KeyPath<OutcomesAnswer.ReliableChange, Disclosed<Int>>) -> (OutcomesAnswer.Score) -> ReportCell {
            { score in
                if score.reliable.isSuppressed { return .suppressed }
                guard let counts = score.reliable.value else { return .undefined(reason: noReliability) }
                return .count(counts[keyPath: count])
            }
        }
        return ReportTable(id: id, caption: "\(section.measureTitle): every figure, by score", corner: "Figure",
                           columns: scores.map { section.title(of: $0.score) }, rows: [
            row("People with both answers (n)") { .count($0.n) },
            row("Before: mean") { .decimal($0.before.mean, places: 1, undefined: "no one answered") },
            row("Before: SD") { .decimal($0.before.sd, places: 1, undefined: noSD) },
            row("After: mean") { .decimal($0.after.mean, places: 1, undefined: "no one answered") },
            row("After: SD") { .decimal($0.after.sd, places: 1, undefined: noSD) },
            row("Change: mean") { .decimal($0.change.mean, places: 1, undefined: "no one answered") },
            row("Change: SD") { .decimal($0.change.sd, places: 1, undefined: noSD) },
            row("Change: 95% confidence interval") { .interval($0.change.ci95, places: 1, undefined: noSD) },
            row("Effect size d_z") { .decimal($0.dZ, places: 2, undefined: noEffect) },
            row("Effect size d_av") { .decimal($0.dAv, places: 2, undefined: noEffect) },
            row("Reliable change: improved", reliable(\.improved)),
            row("Reliable change: got worse", reliable(\.deteriorated)),
            row("Reliable change: no reliable change", reliable(\.noChange)),
            row("Reliable change measured against") { score in
                if score.isSuppressed { return .suppressed }
                switch score.sdSource {
                case .measure: return .words("the measure’s published SD")
                case .sample: return .words("the SD before, in these data")
                case nil: return .undefined(reason: noReliability)
                }
            },
            row("Better") { .words($0.better == .lower ? "lower" : "higher") },
        ])
    }
}

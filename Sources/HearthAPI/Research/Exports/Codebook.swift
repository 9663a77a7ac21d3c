import HearthContent
import HearthResearch

/// The codebook of the exports, generated from the measure definitions: every variable's name and label, each
/// measure's scale and anchors, reversed items, scoring, bands, which way is better, licence and source.
struct Codebook {
    let catalog: ResearchCatalog

    /// One variable of `responses.csv`.
    private struct Variable {
        var name: String
        var label: String
        var values: String
        var notes: String
    }

    private var variables: [Variable] {
        var list = [
            Variable(name: "participant", label: "The participant's id as a keyed hash (HMAC-SHA-256); the same person has the same value in every export",
                     values: "64 hex digits", notes: "empty for answers given without research consent"),
            Variable(name: "course", label: "The course the answer was given in", values: catalog.courses.map(\.id).joined(separator: "; "), notes: ""),
            Variable(name: "area", label: "The local-authority area the person chose", values: catalog.areas.map { "\($0.code) = \($0.name)" }.joined(separator: "; "),
                     notes: "empty when none was chosen"),
            Variable(name: "day", label: "The day the answer was stored (UTC)", values: "YYYY-MM-DD", notes: "times are kept to the hour at most"),
            Variable(name: "measure", label: "The questionnaire", values: catalog.measures.keys.sorted().joined(separator: "; "), notes: ""),
            Variable(name: "occasion", label: "When in the course it was answered", values: "before; after; follow-up",
                     notes: "from where the person was in the course, never chosen by them"),
        ]
        for id in catalog.measures.keys.sorted() {
            guard let measure = catalog.measures[id] else { continue }
            for item in measure.items {
                let scale = item.scale ?? measure.scale
                list.append(Variable(name: "\(id)_\(item.id)", label: item.text,
                                     values: scale.points.map { "\($0.value) = \($0.label)" }.joined(separator: "; "),
                                     notes: (item.reversed ? "reverse-scored in the scores; " : "") + "higher is \(item.better == .higher ? "better" : "worse")"))
            }
            for score in MeasureScorer(measure: measure).scoreIDs {
                let label: String
                switch score {
                case .total: label = "\(measure.title): total (\(measure.scoring.rawValue) of the items)"
                case .subscale(let sub): label = "\(measure.title): \(measure.subscales.first { $0.id == sub }?.title ?? sub)"
                case .item(let item): label = "\(measure.title): \(item), reported on its own"
                }
                let bands = measure.bands.filter { ($0.scope ?? "total") == score.name }
                    .map { "\(Self.number($0.minimum))–\(Self.number($0.maximum)) \($0.label)" }.joined(separator: "; ")
                list.append(Variable(name: "\(id)_\(score.name)", label: label, values: bands,
                                     notes: "\(measure.better(for: score) == .higher ? "higher" : "lower") is better"))
            }
        }
        return list
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    func csv() -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(["variable", "label", "values", "notes"].map { .text($0) })
        for variable in variables { writer.writeRow([.text(variable.name), .text(variable.label), .text(variable.values), .text(variable.notes)]) }
        return writer.takeBytes()
    }

    func markdown() -> String {
        var text = "# Codebook: \(catalog.siteTitle)\n\n"
        text += "Generated from the measure definitions. `responses.csv` has one row per participant, measure and occasion; "
        text += "`events.csv` one row per event (hour, type, course, module, quiz, score, area, participant). Rows are in no order "
        text += "that says who sent what: by hour, then by a random id.\n\n## Variables of responses.csv\n\n"
        text += "| variable | label | values | notes |\n| --- | --- | --- | --- |\n"
        for variable in variables {
            text += "| `\(variable.name)` | \(Self.cell(variable.label)) | \(Self.cell(variable.values)) | \(Self.cell(variable.notes)) |\n"
        }
        for id in catalog.measures.keys.sorted() {
            guard let measure = catalog.measures[id] else { continue }
            text += "\n## \(Self.cell(measure.title)) (`\(id)`)\n\n"
            if !measure.validated { text += "**Hearth's own scale: not a validated instrument.**\n\n" }
            text += "- Instructions: \(Self.cell(measure.instructions))\n"
            text += "- Scoring: \(measure.scoring.rawValue); up to \(measure.missingAllowed) item(s) may be unanswered\n"
            text += "- Better: \(measure.better == .higher ? "higher" : "lower") total\n"
            if let alpha = measure.reliability { text += "- Reliability (Cronbach's alpha): \(alpha)\n" }
            if let sd = measure.standardDeviation { text += "- Reference SD: \(sd)\n" }
            text += "- Reversed items: \(measure.items.filter(\.reversed).map(\.id).joined(separator: ", ").ifEmpty("none"))\n"
            for subscale in measure.subscales { text += "- Subscale `\(subscale.id)` (\(Self.cell(subscale.title))): \(subscale.itemIDs.joined(separator: ", "))\n" }
            text += "- Licence: \(Self.cell(measure.licence))\n"
            if let note = measure.licenceNote { text += "- Licence note: \(Self.cell(note))\n" }
            text += "- Source: \(Self.cell(measure.source))\n"
        }
        return text
    }

    /// Text for a Markdown table cell: pipes escaped, line breaks as spaces.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension String {
    fileprivate func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}

import Foundation

extension XMLContentLoader {
    /// `measures/<id>.xml`: a questionnaire with its items, scale, scoring, bands and signposts.
    static func loadMeasure(_ data: Data, path: String, defaultLanguage: String) -> (Measure?, Diagnostics) {
        let (parsed, problems) = XMLElementTree.parseDocument(data, path: path, expected: "measure", what: "a measure file")
        var diagnostics = problems
        guard let root = parsed else { return (nil, diagnostics) }
        var reader = XMLElementReader(root, path: path)
        reader.allow(attributes: ["id", "title", "scoring", "missing-allowed", "language"],
                     children: ["instructions", "scale", "item", "subscale", "band", "signpost", "reliability", "licence", "source"])
        let id = reader.required("id") ?? ""
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if !id.isEmpty, id != stem {
            reader.diagnostics.error("the measure id '\(id)' should match its file name '\(stem).xml'", at: reader.location)
        }
        let title = reader.required("title") ?? id
        var scoring = Measure.Scoring.sum
        if let raw = root.attributes["scoring"] {
            if let value = Measure.Scoring(rawValue: raw) { scoring = value } else {
                reader.diagnostics.error("scoring=\"\(raw)\" should be sum, mean or items", at: reader.location)
            }
        }
        let missingAllowed = reader.integer("missing-allowed", in: 0...1000) ?? 0

        var scale = ResponseScale(points: [])
        if let scaleElement = reader.children("scale").first {
            scale = readScale(scaleElement, path: path, into: &reader.diagnostics)
        } else {
            reader.diagnostics.error("a measure needs a <scale> with the answers people can give", at: reader.location)
        }

        var items: [MeasureItem] = []
        var itemIDs = Set<String>()
        for element in reader.children("item") {
            var itemReader = XMLElementReader(element, path: path)
            itemReader.allow(attributes: ["id", "reverse"], children: ["scale"])
            guard let itemID = itemReader.required("id") else {
                reader.diagnostics.append(contentsOf: itemReader.diagnostics)
                continue
            }
            if !itemIDs.insert(itemID).inserted {
                itemReader.diagnostics.error("the item id '\(itemID)' is used twice in this measure", at: itemReader.location)
            }
            let ownScale = itemReader.children("scale").first.map { readScale($0, path: path, into: &itemReader.diagnostics) }
            let text = element.trimmedText
            if text.isEmpty { itemReader.diagnostics.error("this item has no wording", at: itemReader.location) }
            items.append(MeasureItem(id: itemID, text: text, reversed: itemReader.boolean("reverse"), scale: ownScale,
                                     location: itemReader.location))
            reader.diagnostics.append(contentsOf: itemReader.diagnostics)
        }
        if items.isEmpty { reader.diagnostics.error("a measure needs at least one <item>", at: reader.location) }
        if missingAllowed > items.count {
            reader.diagnostics.error("missing-allowed=\"\(missingAllowed)\" is more than the \(items.count) items", at: reader.location)
        }

        var subscales: [Subscale] = []
        for element in reader.children("subscale") {
            var subReader = XMLElementReader(element, path: path)
            subReader.allow(attributes: ["id", "title", "items"])
            let subID = subReader.required("id") ?? ""
            let members = (subReader.required("items") ?? "").split(separator: " ").map(String.init)
            for member in members where !itemIDs.contains(member) {
                subReader.diagnostics.error("the subscale '\(subID)' names the item '\(member)', which this measure does not have", at: subReader.location)
            }
            subscales.append(Subscale(id: subID, title: element.attributes["title"] ?? subID, itemIDs: members, location: subReader.location))
            reader.diagnostics.append(contentsOf: subReader.diagnostics)
        }

        // The possible range of each score, for checking bands and signposts.
        func itemRange(_ item: MeasureItem) -> ClosedRange<Double> {
            let s = item.scale ?? scale
            return Double(s.minimum)...Double(s.maximum)
        }
        func range(of scope: String?) -> ClosedRange<Double>? {
            let members: [MeasureItem]
            if let scope {
                if let subscale = subscales.first(where: { $0.id == scope }) {
                    members = items.filter { subscale.itemIDs.contains($0.id) }
                } else if let item = items.first(where: { $0.id == scope }) {
                    members = [item]
                } else {
                    return nil
                }
            } else {
                members = items
            }
            guard !members.isEmpty else { return 0...0 }
            let ranges = members.map(itemRange)
            if scoring == .mean || (scoring == .items && scope == nil) {
                return ranges.map(\.lowerBound).min()!...ranges.map(\.upperBound).max()!
            }
            return ranges.map(\.lowerBound).reduce(0, +)...ranges.map(\.upperBound).reduce(0, +)
        }

        var bands: [MeasureBand] = []
        for element in reader.children("band") {
            var bandReader = XMLElementReader(element, path: path)
            bandReader.allow(attributes: ["scope", "min", "max", "label"])
            let scope = element.attributes["scope"]
            guard let low = bandReader.number("min") ?? requiredNumber(&bandReader, "min"),
                  let high = bandReader.number("max") ?? requiredNumber(&bandReader, "max"),
                  let label = bandReader.required("label") else {
                reader.diagnostics.append(contentsOf: bandReader.diagnostics)
                continue
            }
            if let possible = range(of: scope) {
                if low > high || low < possible.lowerBound || high > possible.upperBound {
                    bandReader.diagnostics.error("the band \(format(low))–\(format(high)) is outside the possible scores \(format(possible.lowerBound))–\(format(possible.upperBound))",
                                                 at: bandReader.location)
                }
            } else {
                bandReader.diagnostics.error("scope=\"\(scope!)\" names no subscale or item of this measure", at: bandReader.location)
            }
            if let overlap = bands.first(where: { $0.scope == scope && $0.minimum <= high && low <= $0.maximum }) {
                bandReader.diagnostics.error("the band \(format(low))–\(format(high)) overlaps '\(overlap.label)'", at: bandReader.location)
            }
            bands.append(MeasureBand(minimum: low, maximum: high, label: label, scope: scope))
            reader.diagnostics.append(contentsOf: bandReader.diagnostics)
        }

        var signposts: [Signpost] = []
        for element in reader.children("signpost") {
            var signReader = XMLElementReader(element, path: path)
            signReader.allow(attributes: ["scope", "min", "max"])
            let scope = element.attributes["scope"]
            let low = signReader.number("min"), high = signReader.number("max")
            if low == nil && high == nil {
                signReader.diagnostics.error("a <signpost> needs min=\"…\" or max=\"…\": the score at which it shows", at: signReader.location)
            }
            if range(of: scope) == nil {
                signReader.diagnostics.error("scope=\"\(scope!)\" names no subscale or item of this measure", at: signReader.location)
            }
            if element.trimmedText.isEmpty {
                signReader.diagnostics.error("this signpost has no message", at: signReader.location)
            }
            signposts.append(Signpost(minimum: low, maximum: high, scope: scope, message: element.trimmedText))
            reader.diagnostics.append(contentsOf: signReader.diagnostics)
        }

        var alpha: Double?, sd: Double?
        if let element = reader.children("reliability").first {
            var relReader = XMLElementReader(element, path: path)
            relReader.allow(attributes: ["alpha", "sd"])
            alpha = relReader.number("alpha")
            sd = relReader.number("sd")
            if let a = alpha, !(0...1).contains(a) { relReader.diagnostics.error("alpha should be between 0 and 1", at: relReader.location) }
            if let s = sd, s <= 0 { relReader.diagnostics.error("sd should be above 0", at: relReader.location) }
            reader.diagnostics.append(contentsOf: relReader.diagnostics)
        }
        let licence = reader.children("licence").first?.trimmedText ?? ""
        let source = reader.children("source").first?.trimmedText ?? ""
        if licence.isEmpty { reader.diagnostics.error("a measure needs a <licence> saying how it may be used", at: reader.location) }
        if source.isEmpty { reader.diagnostics.error("a measure needs a <source>: who published it and where", at: reader.location) }

        diagnostics.append(contentsOf: reader.diagnostics)
        let measure = Measure(id: id, title: title, instructions: reader.children("instructions").first?.trimmedText ?? "",
                              scale: scale, items: items, subscales: subscales, scoring: scoring, missingAllowed: missingAllowed,
                              bands: bands, signposts: signposts, reliability: alpha, standardDeviation: sd, licence: licence,
                              source: source, language: root.attributes["language"] ?? defaultLanguage, location: reader.location)
        return (measure, diagnostics)
    }

    private static func requiredNumber(_ reader: inout XMLElementReader, _ name: String) -> Double? {
        if reader.element.attributes[name] == nil { _ = reader.required(name) }
        return nil
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    private static func readScale(_ element: XMLElementNode, path: String, into diagnostics: inout Diagnostics) -> ResponseScale {
        var reader = XMLElementReader(element, path: path)
        reader.allow(attributes: [], children: ["point"])
        var points: [ResponseScale.Point] = []
        for point in reader.children("point") {
            var pointReader = XMLElementReader(point, path: path)
            pointReader.allow(attributes: ["value"])
            if let value = pointReader.integer("value", in: -1000...1000) {
                if points.contains(where: { $0.value == value }) {
                    pointReader.diagnostics.error("the value \(value) appears twice in this scale", at: pointReader.location)
                }
                points.append(.init(value: value, label: point.trimmedText))
            } else if point.attributes["value"] == nil {
                _ = pointReader.required("value")
            }
            reader.diagnostics.append(contentsOf: pointReader.diagnostics)
        }
        if points.count < 2 { reader.diagnostics.error("a scale needs at least two <point>s", at: reader.location) }
        diagnostics.append(contentsOf: reader.diagnostics)
        return ResponseScale(points: points)
    }
}

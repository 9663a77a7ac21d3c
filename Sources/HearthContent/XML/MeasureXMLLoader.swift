import Foundation

extension XMLContentLoader {
    /// Reads `measures/<id>.xml`: a questionnaire's items, answers, scoring, bands and signposts.
    static func loadMeasure(_ data: Data, path: String, defaultLanguage: String) -> (Measure?, Diagnostics) {
        let (parsed, problems) = XMLElementReader.parseDocument(data, path: path, rootName: "measure", fileKind: "a measure file")
        var diagnostics = problems
        guard let root = parsed else { return (nil, diagnostics) }
        var reader = MeasureReader(check: XMLElementChecker(path: path))
        let measure = reader.measure(from: root, defaultLanguage: defaultLanguage)
        diagnostics.append(contentsOf: reader.check.diagnostics)
        return (measure, diagnostics)
    }
}

/// A score as an author would write it.
private func format(_ value: Double) -> String { XMLContentLoader.format(value) }

/// Reads one measure file into a `Measure`, checking each part as it goes.
private struct MeasureReader {
    var check: XMLElementChecker

    mutating func measure(from root: XMLElementNode, defaultLanguage: String) -> Measure {
        check.expect(root, attributes: ["id", "title", "scoring", "better", "validated", "missing-allowed", "language"],
                     children: [.one("instructions"), .one("scale"), .many("item"), .many("subscale"), .many("band"),
                                .many("signpost"), .one("reliability"), .one("licence"), .one("licence-note"), .one("source")])
        let id = check.identifier("id", of: root, required: true) ?? ""
        let fileName = URL(fileURLWithPath: check.path).lastPathComponent
        let stem = URL(fileURLWithPath: check.path).deletingPathExtension().lastPathComponent
        if !id.isEmpty, id != stem {
            check.error("the measure id '\(id)' should match its file name, \(fileName); rename the file to \(id).xml or change the id", at: root)
        }
        let title = check.required("title", of: root) ?? id
        let scoring = check.oneOf(["sum", "mean", "items"], "scoring", of: root).flatMap(Measure.Scoring.init) ?? .sum
        if root.attributes["better"] == nil {
            check.error("<measure> needs better=\"higher\" or better=\"lower\": which way the total moves when things are going better for the person",
                        at: root)
        }
        let better = direction(of: root) ?? .higher
        // Left out means validated: only Hearth's own scales say validated="false".
        let validated = root.attributes["validated"] == nil || check.boolean("validated", of: root)
        let missingAllowed = check.integer("missing-allowed", of: root, in: 0...1000) ?? 0
        let language = check.language(of: root) ?? defaultLanguage

        let instructions = check.optionalText(of: "instructions", in: root)
        var scale = ResponseScale(points: [])
        if let element = root.child(named: "scale") {
            scale = responseScale(element)
        } else {
            check.error("<measure> needs a <scale> with the answers people can give, each a <point>", at: root)
        }
        let items = self.items(root.children(named: "item"), better: better)
        if items.isEmpty { check.error("<measure> needs at least one <item>: a question, worded as published", at: root) }
        if missingAllowed > items.count {
            check.error("missing-allowed=\"\(missingAllowed)\" is more than the \(items.count) items this measure has", at: root)
        }
        let subscales = self.subscales(root.children(named: "subscale"), items: items, better: better)
        checkDirections(better: better, scoring: scoring, items: items, subscales: subscales)
        let scores = ScoreRanges(scale: scale, items: items, subscales: subscales, scoring: scoring)
        let bands = self.bands(root.children(named: "band"), scores: scores)
        let signposts = self.signposts(root.children(named: "signpost"), scores: scores)

        var alpha: Double?, standardDeviation: Double?
        if let element = root.child(named: "reliability") {
            (alpha, standardDeviation) = reliability(element)
        }
        let licence = check.requiredText(of: "licence", in: root, what: "the terms on which the measure may be used")
        let licenceNote = check.optionalText(of: "licence-note", in: root)
        if let element = root.child(named: "licence-note"), licenceNote.isEmpty {
            check.error("<licence-note> is empty; write what a deployment must check about the licence, or remove it", at: element)
        }
        let source = check.requiredText(of: "source", in: root, what: "who published the measure, and where")

        return Measure(id: id, title: title, instructions: instructions, scale: scale, items: items, subscales: subscales,
                       scoring: scoring, better: better, validated: validated, missingAllowed: missingAllowed, bands: bands,
                       signposts: signposts, reliability: alpha, standardDeviation: standardDeviation, licence: licence,
                       licenceNote: licenceNote.isEmpty ? nil : licenceNote, source: source,
                       language: language, location: check.location(of: root))
    }

    private mutating func responseScale(_ element: XMLElementNode) -> ResponseScale {
        check.expect(element, attributes: [], children: [.many("point")])
        var points: [ResponseScale.Point] = []
        for point in element.children(named: "point") {
            check.expect(point, attributes: ["value"], text: .plain)
            guard let value = check.integer("value", of: point, in: -1000...1000) else {
                if point.attributes["value"] == nil { _ = check.required("value", of: point) }
                continue
            }
            if points.contains(where: { $0.value == value }) {
                check.error("the value \(value) appears twice in this scale; each answer needs its own score", at: point)
                continue
            }
            points.append(ResponseScale.Point(value: value, label: check.plainText(of: point)))
        }
        if points.count < 2 { check.error("a <scale> needs at least two <point>s, one for each answer", at: element) }
        return ResponseScale(points: points)
    }

    private mutating func items(_ elements: [XMLElementNode], better measureBetter: Measure.Direction) -> [MeasureItem] {
        var items: [MeasureItem] = []
        for element in elements {
            check.expect(element, attributes: ["id", "reverse", "better"], children: [.one("scale")], text: .plain)
            let id = check.identifier("id", of: element, required: true)
            let reversed = check.boolean("reverse", of: element)
            let better = direction(of: element) ?? measureBetter
            let ownScale = element.child(named: "scale").map { responseScale($0) }
            let text = check.plainText(of: element)
            if text.isEmpty { check.error("this <item> has no wording; copy it exactly as published", at: element) }
            guard let id else { continue }
            if let first = items.first(where: { $0.id == id }) {
                check.error("the item id '\(id)' is already used on line \(first.location.line); give each item its own id", at: element)
                continue
            }
            items.append(MeasureItem(id: id, text: text, reversed: reversed, better: better, scale: ownScale,
                                     location: check.location(of: element)))
        }
        return items
    }

    private mutating func subscales(_ elements: [XMLElementNode], items: [MeasureItem], better measureBetter: Measure.Direction) -> [Subscale] {
        let itemIDs = items.map(\.id)
        var subscales: [Subscale] = []
        for element in elements {
            check.expect(element, attributes: ["id", "title", "items", "better"])
            let id = check.identifier("id", of: element, required: true)
            let better = direction(of: element) ?? measureBetter
            let members = (check.required("items", of: element) ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init)
            if members.isEmpty, element.attributes["items"]?.isEmpty == false {
                check.error("items=\"…\" on <subscale> lists no item ids; separate them with spaces", at: element)
            }
            let subscale = id.map { "the subscale '\($0)'" } ?? "this subscale"
            var known: [String] = []
            for member in members {
                if !itemIDs.contains(member) {
                    check.error("\(subscale) names the item '\(member)', which this measure does not have; its items are: \(itemIDs.joined(separator: ", "))",
                                at: element)
                } else if known.contains(member) {
                    check.error("\(subscale) names the item '\(member)' twice", at: element)
                } else {
                    known.append(member)
                }
            }
            guard let id else { continue }
            if subscales.contains(where: { $0.id == id }) {
                check.error("the subscale id '\(id)' is used twice; give each subscale its own id", at: element)
                continue
            }
            if itemIDs.contains(id) {
                check.error("the subscale id '\(id)' is also an item id, so scope=\"\(id)\" would be ambiguous; give the subscale another id", at: element)
                continue
            }
            subscales.append(Subscale(id: id, title: element.attributes["title"] ?? id, itemIDs: known, better: better,
                                      location: check.location(of: element)))
        }
        return subscales
    }

    private mutating func bands(_ elements: [XMLElementNode], scores: ScoreRanges) -> [MeasureBand] {
        var bands: [MeasureBand] = []
        for element in elements {
            check.expect(element, attributes: ["scope", "min", "max", "label"])
            let low = requiredNumber("min", of: element), high = requiredNumber("max", of: element)
            let label = check.required("label", of: element)
            let scope = element.attributes["scope"]
            guard checkScope(scope, of: element, scores: scores), let low, let high, let label else { continue }
            let band = "the band \(format(low))–\(format(high))"
            if low > high {
                check.error("min=\"\(format(low))\" is more than max=\"\(format(high))\" on this <band>", at: element)
                continue
            }
            if let possible = scores.range(of: scope), low < possible.lowerBound || high > possible.upperBound {
                check.error("\(band) is outside the possible scores \(format(possible.lowerBound))–\(format(possible.upperBound)) for \(scores.describe(scope))",
                            at: element)
            }
            if let other = bands.first(where: { $0.scope == scope && $0.minimum <= high && low <= $0.maximum }) {
                check.error("\(band) overlaps the band '\(other.label)' (\(format(other.minimum))–\(format(other.maximum))) for \(scores.describe(scope))",
                            at: element)
            }
            bands.append(MeasureBand(minimum: low, maximum: high, label: label, scope: scope))
        }
        return bands
    }

    private mutating func signposts(_ elements: [XMLElementNode], scores: ScoreRanges) -> [Signpost] {
        var signposts: [Signpost] = []
        for element in elements {
            check.expect(element, attributes: ["scope", "min", "max"], text: .plain)
            let low = check.number("min", of: element), high = check.number("max", of: element)
            let scope = element.attributes["scope"]
            let message = check.plainText(of: element)
            if message.isEmpty { check.error("this <signpost> has no message; write what the person should read", at: element) }
            guard checkScope(scope, of: element, scores: scores) else { continue }
            if element.attributes["min"] == nil && element.attributes["max"] == nil {
                check.error("a <signpost> needs min=\"…\" or max=\"…\": the score at which it shows", at: element)
                continue
            }
            // As the model and the theme's script have it, a signpost shows at min or above, OR at max or below.
            if let low, let high, low <= high {
                check.error("a <signpost> with both min and max shows at min or above, or at max or below, so min=\"\(format(low))\" and max=\"\(format(high))\" cover every score; give only one of them",
                            at: element)
            } else if let possible = scores.range(of: scope) {
                var reasons: [String] = []
                if let low, low > possible.upperBound {
                    reasons.append("min=\"\(format(low))\" is above the highest possible score for \(scores.describe(scope)) (\(format(possible.upperBound)))")
                }
                if let high, high < possible.lowerBound {
                    reasons.append("max=\"\(format(high))\" is below the lowest possible score for \(scores.describe(scope)) (\(format(possible.lowerBound)))")
                }
                let reachable = (low.map { $0 <= possible.upperBound } ?? false) || (high.map { $0 >= possible.lowerBound } ?? false)
                if !reachable, !reasons.isEmpty {
                    check.error(reasons.joined(separator: " and ") + ", so this signpost would never show", at: element)
                }
            }
            signposts.append(Signpost(minimum: low, maximum: high, scope: scope, message: message))
        }
        return signposts
    }

    private mutating func reliability(_ element: XMLElementNode) -> (alpha: Double?, standardDeviation: Double?) {
        check.expect(element, attributes: ["alpha", "sd"])
        var alpha = check.number("alpha", of: element), sd = check.number("sd", of: element)
        if element.attributes["alpha"] == nil && element.attributes["sd"] == nil {
            check.error("<reliability> needs alpha=\"…\" (Cronbach's alpha), sd=\"…\" (the standard deviation), or both", at: element)
        }
        if let value = alpha, !(0...1).contains(value) {
            check.error("alpha=\"\(format(value))\" on <reliability> should be from 0 to 1", at: element)
            alpha = nil
        }
        if let value = sd, value <= 0 {
            check.error("sd=\"\(format(value))\" on <reliability> should be more than 0", at: element)
            sd = nil
        }
        return (alpha, sd)
    }

    /// A `better="higher|lower"` attribute; nil when absent or wrong.
    private mutating func direction(of element: XMLElementNode) -> Measure.Direction? {
        check.oneOf(["higher", "lower"], "better", of: element).flatMap(Measure.Direction.init)
    }

    /// A total or subscale adds its items up, so the items in it must all have its better direction; an item
    /// that runs the other way is reverse-scored instead. Only items reported one at a time may differ.
    private mutating func checkDirections(better: Measure.Direction, scoring: Measure.Scoring, items: [MeasureItem],
                                          subscales: [Subscale]) {
        let advice = "so they must agree; an item that runs the other way needs reverse=\"true\" instead"
        if scoring != .items {
            for item in items where item.better != better {
                check.diagnostics.error("the item '\(item.id)' has better=\"\(item.better.rawValue)\" but the total, which adds it in, has better=\"\(better.rawValue)\", \(advice)",
                                        at: item.location)
            }
        }
        for subscale in subscales {
            let members = items.filter { subscale.itemIDs.contains($0.id) }
            for item in members where item.better != subscale.better && (scoring == .items || item.better == better) {
                check.diagnostics.error("the subscale '\(subscale.id)' has better=\"\(subscale.better.rawValue)\" but its item '\(item.id)' has better=\"\(item.better.rawValue)\"; a subscale adds its items up, \(advice)",
                                        at: subscale.location)
            }
        }
    }

    /// A number attribute that must be there.
    private mutating func requiredNumber(_ name: String, of element: XMLElementNode) -> Double? {
        if element.attributes[name] == nil {
            _ = check.required(name, of: element)
            return nil
        }
        return check.number(name, of: element)
    }

    /// Whether `scope` (nil for the total) names a subscale or item, reporting it when it does not.
    private mutating func checkScope(_ scope: String?, of element: XMLElementNode, scores: ScoreRanges) -> Bool {
        guard let scope, !scores.contains(scope) else { return true }
        check.error("scope=\"\(scope)\" on <\(element.name)> names no subscale or item of this measure; \(scores.scopeList)", at: element)
        return false
    }
}

/// The lowest and highest possible score for a measure's total, its subscales and its items, for checking bands and signposts.
private struct ScoreRanges {
    let scale: ResponseScale
    let items: [MeasureItem]
    let subscales: [Subscale]
    let scoring: Measure.Scoring

    func contains(_ scope: String) -> Bool {
        subscales.contains { $0.id == scope } || items.contains { $0.id == scope }
    }

    /// What a band or signpost may name, for the message when it names something else.
    var scopeList: String {
        let subscaleIDs = subscales.map(\.id), itemIDs = items.map(\.id)
        var parts: [String] = []
        if !subscaleIDs.isEmpty { parts.append("the subscales are: " + subscaleIDs.joined(separator: ", ")) }
        parts.append(itemIDs.isEmpty ? "it has no items" : "the items are: " + itemIDs.joined(separator: ", "))
        return parts.joined(separator: "; ")
    }

    /// How a message names the score a band or signpost applies to.
    func describe(_ scope: String?) -> String {
        guard let scope else { return scoring == .items ? "each item" : "the total" }
        return subscales.contains { $0.id == scope } ? "the subscale '\(scope)'" : "the item '\(scope)'"
    }

    /// The possible scores for `scope` (nil for the total); nil when a scale is too broken to say.
    func range(of scope: String?) -> ClosedRange<Double>? {
        let members: [MeasureItem]
        var isCombined = true
        if let scope {
            if let subscale = subscales.first(where: { $0.id == scope }) {
                members = items.filter { subscale.itemIDs.contains($0.id) }
            } else {
                members = items.filter { $0.id == scope }
                isCombined = false
            }
        } else {
            members = items
            isCombined = scoring != .items  // items-scored measures' bands without a scope apply to each item
        }
        // Reverse scoring (min + max − answer) maps a scale onto itself, so it never changes a range.
        let ranges = members.map { item -> ClosedRange<Double>? in
            let itemScale = item.scale ?? scale
            guard itemScale.points.count >= 2 else { return nil }
            return Double(itemScale.minimum)...Double(itemScale.maximum)
        }
        guard !ranges.isEmpty, !ranges.contains(where: { $0 == nil }) else { return nil }
        let lows = ranges.map { $0!.lowerBound }, highs = ranges.map { $0!.upperBound }
        if isCombined && scoring != .mean {
            return lows.reduce(0, +)...highs.reduce(0, +)
        }
        // A mean, or one item at a time, lies within the widest single item's range.
        return lows.min()!...highs.max()!
    }
}

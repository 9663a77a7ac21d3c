import Foundation
import HearthMarkdown

extension XMLContentLoader {
    /// Reads a module written in XML (`courses/<course>/<nn>-<name>.xml`); `id` comes from the file name
    /// unless `<module id="…">` gives one.
    static func loadModule(_ data: Data, path: String, id: String, defaultLanguage: String) -> (Module?, Diagnostics) {
        let (parsed, problems) = XMLElementReader.parseDocument(data, path: path, rootName: "module", fileKind: "an XML module")
        var diagnostics = problems
        guard let root = parsed else { return (nil, diagnostics) }
        var reader = ModuleReader(check: XMLElementChecker(path: path))
        let module = reader.module(from: root, fileID: id, defaultLanguage: defaultLanguage)
        diagnostics.append(contentsOf: reader.check.diagnostics)
        return (module, diagnostics)
    }
}

/// Reads one XML module into a `Module`, checking each part as it goes.
private struct ModuleReader {
    static let markdownParser = MarkdownParser(extensions: .all)

    var check: XMLElementChecker
    /// Quizzes so far, to name those without an id as the Markdown format does: `<module>-quiz`, `-quiz-2`, ….
    var quizCount = 0

    mutating func module(from root: XMLElementNode, fileID: String, defaultLanguage: String) -> Module {
        check.expect(root, attributes: ["id", "title", "summary", "minutes", "language"], children: [.many("page")])
        let id = check.identifier("id", of: root, required: false) ?? fileID
        let title = check.required("title", of: root) ?? id
        let minutes = check.integer("minutes", of: root, in: 1...600)
        let language = check.language(of: root) ?? defaultLanguage
        let pages = root.children(named: "page").map { page($0, moduleID: id) }
        if pages.isEmpty { check.error("<module> needs at least one <page>", at: root) }
        return Module(id: id, title: title, summary: root.attributes["summary"] ?? "", minutes: minutes, language: language,
                      pages: pages, location: check.location(of: root))
    }

    private mutating func page(_ element: XMLElementNode, moduleID: String) -> Page {
        check.expect(element, attributes: ["title"], children: [.many("section"), .many("callout"), .many("quiz")])
        let title = check.required("title", of: element) ?? ""
        var parts: [PagePart] = []
        for child in element.children {
            switch child.name {
            case "section":
                check.expect(child, attributes: [], text: .markdown)
                parts.append(.text(markdown(child)))
            case "callout":
                check.expect(child, attributes: ["kind", "title"], text: .markdown)
                let kind = check.oneOf(CalloutKind.allCases.map(\.rawValue), "kind", of: child).flatMap(CalloutKind.init) ?? .note
                parts.append(.callout(kind: kind, title: child.attributes["title"] ?? "", body: markdown(child)))
            case "quiz":
                parts.append(.quiz(quiz(child, moduleID: moduleID)))
            default:
                break  // reported by expect
            }
        }
        // A page whose only children are misspelt is reported for those, not as empty.
        if element.children.isEmpty { check.error("this <page> is empty; add a <section>, <callout> or <quiz>", at: element) }
        return Page(title: title, parts: parts, location: check.location(of: element))
    }

    /// An element's text as Markdown, without the indentation it shares with its neighbours, and placed so
    /// that the Markdown's line 1 is the line in the XML file where the text starts.
    private mutating func markdown(_ element: XMLElementNode) -> MarkdownText {
        let isBlank = { (line: Substring) in line.allSatisfy { $0 == " " || $0 == "\t" } }
        var lines = element.text.split(separator: "\n", omittingEmptySubsequences: false)
        var start = element.textStart
        // A line break straight after the start tag is layout, not text.
        var opensOnTagLine = true
        while lines.count > 1, isBlank(lines[0]) {
            lines.removeFirst()
            start = SourcePosition(line: start.line + 1, column: 1)
            opensOnTagLine = false
        }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        guard !lines.isEmpty else {
            check.error("this <\(element.name)> is empty; write its text inside it", at: element)
            return MarkdownText(source: "", tree: Self.markdownParser.parse(""), location: check.location(of: element))
        }
        // Text that opens on the tag's line starts mid-line, so only the lines after it show the shared indentation.
        let indented = (opensOnTagLine ? lines.dropFirst() : lines[...]).filter { !isBlank($0) }
        let indent = indented.map { $0.prefix { $0 == " " || $0 == "\t" } }
            .reduce(nil as Substring?) { shared, next in shared.map { commonPrefix($0, next) } ?? next } ?? ""
        var source: [Substring] = []
        for (index, line) in lines.enumerated() {
            if index == 0 && opensOnTagLine {
                let leading = line.prefix { $0 == " " || $0 == "\t" }
                source.append(line.dropFirst(leading.count))
                start.column += leading.utf8.count
            } else {
                source.append(isBlank(line) ? "" : line.dropFirst(indent.count))
            }
        }
        if !opensOnTagLine { start.column = indent.utf8.count + 1 }
        let text = source.joined(separator: "\n") + "\n"
        return MarkdownText(source: text, tree: Self.markdownParser.parse(text),
                            location: SourceLocation(path: check.path, position: start),
                            indent: indent.utf8.count)
    }

    private func commonPrefix(_ a: Substring, _ b: Substring) -> Substring {
        a.prefix(zip(a, b).prefix { $0 == $1 }.count)
    }

    private mutating func quiz(_ element: XMLElementNode, moduleID: String) -> Quiz {
        quizCount += 1
        check.expect(element, attributes: ["id", "title", "pass-mark", "attempts", "draw"],
                     children: [.many("question"), .many("scenario"), .many("band")])
        let defaultID = quizCount == 1 ? "\(moduleID)-quiz" : "\(moduleID)-quiz-\(quizCount)"
        var quiz = Quiz(id: check.identifier("id", of: element, required: false) ?? defaultID,
                        title: element.attributes["title"] ?? "",
                        questions: [], passMark: check.integer("pass-mark", of: element, in: 0...100),
                        attempts: check.integer("attempts", of: element, in: 1...100),
                        draw: check.integer("draw", of: element, in: 1...1000), location: check.location(of: element))
        for child in element.children {
            switch child.name {
            case "question": quiz.questions.append(question(child, number: quiz.questions.count + 1))
            case "scenario": quiz.questions.append(scenario(child, number: quiz.questions.count + 1))
            case "band": if let band = scoreBand(child) { quiz.bands.append(band) }
            default: break  // reported by expect
            }
        }

        if quiz.questions.isEmpty { check.error("this <quiz> has no questions; add a <question> or a <scenario>", at: element) }
        for (index, question) in quiz.questions.enumerated() {
            if let first = quiz.questions[..<index].first(where: { $0.id == question.id }) {
                check.diagnostics.error("the question id '\(question.id)' is already used on line \(first.location.line) of this quiz; give each question its own id",
                                        at: question.location)
            }
        }
        if let draw = quiz.draw, draw > quiz.questions.count {
            check.error("draw=\"\(draw)\" asks for more questions than this quiz has (\(quiz.questions.count))", at: element)
        }
        if let attempts = quiz.attempts, quiz.passMark == nil {
            check.error("attempts=\"\(attempts)\" only applies to an assessed quiz; add a pass-mark=\"…\" or remove attempts", at: element)
        }
        // The same rules as Markdown quizzes, with the advice put in XML terms.
        for question in quiz.questions { check.diagnostics.append(contentsOf: Self.inXMLTerms(QuizRules.check(question))) }
        var bandProblems = Diagnostics()
        QuizRules.checkBands(quiz.bands, into: &bandProblems)
        check.diagnostics.append(contentsOf: bandProblems)
        return quiz
    }

    private mutating func question(_ element: XMLElementNode, number: Int) -> Question {
        check.expect(element, attributes: ["id", "kind"], children: [.one("prompt"), .many("hint"), .many("option")])
        let id = check.identifier("id", of: element, required: false) ?? "q\(number)"
        var kind = Question.Kind.singleChoice
        if element.attributes["kind"] == Question.Kind.scenario.rawValue {
            check.error("kind=\"scenario\" is not a kind of <question>; write a scenario as <scenario> with <choice>s", at: element)
        } else if let raw = check.oneOf(["single", "multiple", "true-false"], "kind", of: element), let named = Question.Kind(rawValue: raw) {
            kind = named
        }
        let prompt = inlineText("prompt", in: element, what: "the question")
        let options = element.children(named: "option").map { option -> Option in
            check.expect(option, attributes: ["correct"], children: [.one("feedback")], text: .markdown)
            var text = check.plainText(of: option)
            if text.isEmpty { check.error("this <option> has no text; write the answer before its <feedback>", at: option) }
            // The model's true/false options are exactly "true" and "false", however the author capitalised them.
            if kind == .trueFalse, ["true", "false"].contains(text.lowercased()) { text = text.lowercased() }
            return Option(text: text, isCorrect: check.boolean("correct", of: option),
                          feedback: optionalInlineText("feedback", in: option), location: check.location(of: option))
        }
        return Question(id: id, kind: kind, prompt: prompt, hints: hints(in: element), options: options,
                        location: check.location(of: element))
    }

    private mutating func scenario(_ element: XMLElementNode, number: Int) -> Question {
        check.expect(element, attributes: ["id"], children: [.one("situation"), .many("hint"), .many("choice")])
        let id = check.identifier("id", of: element, required: false) ?? "q\(number)"
        let situation = inlineText("situation", in: element, what: "the situation, ending with a question such as 'What would you say next?'")
        let choices = element.children(named: "choice").map { choice -> Option in
            check.expect(choice, attributes: ["better"], children: [.one("say"), .one("consequence"), .one("feedback")])
            return Option(text: inlineText("say", in: choice, what: "what the person would say"),
                          isCorrect: check.boolean("better", of: choice),
                          feedback: optionalInlineText("feedback", in: choice),
                          consequence: optionalInlineText("consequence", in: choice), location: check.location(of: choice))
        }
        return Question(id: id, kind: .scenario, prompt: situation, hints: hints(in: element), options: choices,
                        location: check.location(of: element))
    }

    private mutating func hints(in element: XMLElementNode) -> [String] {
        element.children(named: "hint").map { hint in
            check.expect(hint, attributes: [], text: .markdown)
            let text = check.plainText(of: hint)
            if text.isEmpty { check.error("this <hint> is empty; write the hint in it, or remove it", at: hint) }
            return text
        }
    }

    private mutating func scoreBand(_ element: XMLElementNode) -> ScoreBand? {
        check.expect(element, attributes: ["min", "max"], text: .markdown)
        let low = check.integer("min", of: element, in: 0...100), high = check.integer("max", of: element, in: 0...100)
        for name in ["min", "max"] where element.attributes[name] == nil { _ = check.required(name, of: element) }
        let feedback = check.plainText(of: element)
        if feedback.isEmpty { check.error("this <band> has no feedback; write what to show for scores in this range", at: element) }
        guard let low, let high else { return nil }
        guard low <= high else {
            check.error("min=\"\(low)\" is more than max=\"\(high)\" on this <band>", at: element)
            return nil
        }
        return ScoreBand(minimum: low, maximum: high, feedback: feedback, location: check.location(of: element))
    }

    /// The inline Markdown in a child that must be there, e.g. a question's `<prompt>`.
    private mutating func inlineText(_ name: String, in element: XMLElementNode, what: String) -> String {
        check.requiredText(of: name, in: element, what: what, text: .markdown)
    }

    /// The inline Markdown in a child that may be left out, e.g. an option's `<feedback>`.
    private mutating func optionalInlineText(_ name: String, in element: XMLElementNode) -> String {
        check.optionalText(of: name, in: element, text: .markdown)
    }

    /// `QuizRules` words its advice for the Markdown quiz syntax; XML authors need the same advice in XML terms.
    private static let xmlAdvice: [(markdown: String, xml: String)] = [
        ("mark the right option with '*' instead of '-'", "add correct=\"true\" to the right <option>"),
        ("start it with '??' to make it multiple choice", "add kind=\"multiple\" to the <question> to make it multiple choice"),
        ("mark each right option with '*'", "add correct=\"true\" to each right <option>"),
        ("a true/false question ('?!') has exactly two options", "a true-false question has exactly two options"),
        ("mark either 'true' or 'false' as the answer with '*'", "add correct=\"true\" to either the 'true' or the 'false' <option>"),
        ("mark at least one with '*'", "add better=\"true\" to at least one <choice>"),
        ("on an indented '=> …' line", "in a <consequence>"),
    ]

    private static func inXMLTerms(_ diagnostics: Diagnostics) -> Diagnostics {
        var reworded = Diagnostics()
        for var diagnostic in diagnostics.all {
            for advice in xmlAdvice { diagnostic.message = diagnostic.message.replacingOccurrences(of: advice.markdown, with: advice.xml) }
            reworded.append(diagnostic)
        }
        return reworded
    }
}

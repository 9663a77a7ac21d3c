import Foundation
import HearthMarkdown

/// Reads a module written in XML: pages of Markdown sections, callouts and quizzes.
struct ModuleXMLLoader {
    let path: String
    var diagnostics = Diagnostics()

    static func load(_ data: Data, path: String, id: String, defaultLanguage: String) -> (Module?, Diagnostics) {
        let (parsed, problems) = XMLElementTree.parseDocument(data, path: path, expected: "module", what: "an XML module")
        guard let root = parsed else { return (nil, problems) }
        var loader = ModuleXMLLoader(path: path)
        loader.diagnostics = problems
        let module = loader.module(root, id: id, language: defaultLanguage)
        return (module, loader.diagnostics)
    }

    private mutating func module(_ root: XMLElementNode, id: String, language: String) -> Module {
        var reader = XMLElementReader(root, path: path)
        reader.allow(attributes: ["id", "title", "summary", "minutes", "language"], children: ["page"])
        let title = reader.required("title") ?? id
        let minutes = reader.integer("minutes", in: 1...600)
        var quizNumber = 0
        var pages: [Page] = []
        for element in reader.children("page") {
            var pageReader = XMLElementReader(element, path: path)
            pageReader.allow(attributes: ["title"], children: ["section", "callout", "quiz"])
            let pageTitle = pageReader.required("title") ?? title
            var parts: [PagePart] = []
            for child in element.children {
                switch child.name {
                case "section":
                    var sectionReader = XMLElementReader(child, path: path)
                    sectionReader.allow(attributes: [])
                    parts.append(.text(markdown(child)))
                    diagnostics.append(contentsOf: sectionReader.diagnostics)
                case "callout":
                    var calloutReader = XMLElementReader(child, path: path)
                    calloutReader.allow(attributes: ["kind", "title"])
                    let raw = child.attributes["kind"] ?? "note"
                    let kind = CalloutKind(rawValue: raw) ?? .note
                    if CalloutKind(rawValue: raw) == nil {
                        calloutReader.diagnostics.error("kind=\"\(raw)\" should be tip, note, warning or reflect", at: calloutReader.location)
                    }
                    parts.append(.callout(kind: kind, title: child.attributes["title"] ?? "", body: markdown(child)))
                    diagnostics.append(contentsOf: calloutReader.diagnostics)
                case "quiz":
                    quizNumber += 1
                    let defaultID = quizNumber == 1 ? "\(id)-quiz" : "\(id)-quiz-\(quizNumber)"
                    parts.append(.quiz(quiz(child, defaultID: defaultID)))
                default:
                    break
                }
            }
            if parts.isEmpty { pageReader.diagnostics.error("this page is empty; add a <section>, <callout> or <quiz>", at: pageReader.location) }
            pages.append(Page(title: pageTitle, parts: parts, location: pageReader.location))
            diagnostics.append(contentsOf: pageReader.diagnostics)
        }
        if pages.isEmpty { reader.diagnostics.error("a module needs at least one <page>", at: reader.location) }
        diagnostics.append(contentsOf: reader.diagnostics)
        return Module(id: root.attributes["id"] ?? id, title: title, summary: root.attributes["summary"] ?? "", minutes: minutes,
                      language: root.attributes["language"] ?? language, pages: pages, location: reader.location)
    }

    /// An element's text as Markdown, with its common indentation removed.
    private func markdown(_ element: XMLElementNode) -> MarkdownText {
        var lines = element.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var firstLine = element.textLine
        while let first = lines.first, first.allSatisfy(\.isWhitespace), lines.count > 1 {
            lines.removeFirst()
            firstLine += 1
        }
        let indent = lines.filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        let text = lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " || $0 == "\t" }.count))) }.joined(separator: "\n")
        let tree = MarkdownParser(extensions: .all).parse(text)
        return MarkdownText(source: text, tree: tree, location: SourceLocation(path: path, line: firstLine, column: indent + 1))
    }

    private mutating func quiz(_ element: XMLElementNode, defaultID: String) -> Quiz {
        var reader = XMLElementReader(element, path: path)
        reader.allow(attributes: ["id", "title", "pass-mark", "attempts", "draw"], children: ["question", "scenario", "band"])
        var quiz = Quiz(id: element.attributes["id"] ?? defaultID, title: element.attributes["title"] ?? "", questions: [],
                        passMark: reader.integer("pass-mark", in: 0...100), attempts: reader.integer("attempts", in: 1...100),
                        draw: reader.integer("draw", in: 1...1000), location: reader.location)
        for child in element.children {
            switch child.name {
            case "question": quiz.questions.append(question(child, number: quiz.questions.count + 1))
            case "scenario": quiz.questions.append(scenario(child, number: quiz.questions.count + 1))
            case "band":
                var bandReader = XMLElementReader(child, path: path)
                bandReader.allow(attributes: ["min", "max"])
                if let low = bandReader.integer("min", in: 0...100), let high = bandReader.integer("max", in: 0...100), low <= high {
                    quiz.bands.append(ScoreBand(minimum: low, maximum: high, feedback: child.trimmedText, location: bandReader.location))
                } else {
                    bandReader.diagnostics.error("a <band> needs min and max percentages, min no more than max", at: bandReader.location)
                }
                diagnostics.append(contentsOf: bandReader.diagnostics)
            default:
                break
            }
        }
        if quiz.questions.isEmpty { reader.diagnostics.error("this quiz has no questions", at: reader.location) }
        if !QuizRules.isIdentifier(quiz.id) {
            reader.diagnostics.error("the quiz id '\(quiz.id)' should be lower-case letters, digits and hyphens", at: reader.location)
        }
        if let draw = quiz.draw, draw > quiz.questions.count {
            reader.diagnostics.error("draw=\"\(draw)\" asks for more questions than the quiz has (\(quiz.questions.count))", at: reader.location)
        }
        for question in quiz.questions { reader.diagnostics.append(contentsOf: QuizRules.check(question)) }
        QuizRules.checkBands(quiz.bands, into: &reader.diagnostics)
        diagnostics.append(contentsOf: reader.diagnostics)
        return quiz
    }

    private mutating func question(_ element: XMLElementNode, number: Int) -> Question {
        var reader = XMLElementReader(element, path: path)
        reader.allow(attributes: ["id", "kind"], children: ["prompt", "hint", "option"])
        let raw = element.attributes["kind"] ?? "single"
        let kind = Question.Kind(rawValue: raw).flatMap { $0 == .scenario ? nil : $0 } ?? .singleChoice
        if Question.Kind(rawValue: raw) == nil || raw == "scenario" {
            reader.diagnostics.error("kind=\"\(raw)\" should be single, multiple or true-false (scenarios use <scenario>)", at: reader.location)
        }
        let options = reader.children("option").map { option -> Option in
            var optionReader = XMLElementReader(option, path: path)
            optionReader.allow(attributes: ["correct"], children: ["feedback"])
            let result = Option(text: option.trimmedText, isCorrect: optionReader.boolean("correct"),
                                feedback: optionReader.children("feedback").first?.trimmedText ?? "", location: optionReader.location)
            reader.diagnostics.append(contentsOf: optionReader.diagnostics)
            return result
        }
        diagnostics.append(contentsOf: reader.diagnostics)
        return Question(id: element.attributes["id"] ?? "q\(number)", kind: kind,
                        prompt: reader.children("prompt").first?.trimmedText ?? "",
                        hints: reader.children("hint").map(\.trimmedText), options: options, location: reader.location)
    }

    private mutating func scenario(_ element: XMLElementNode, number: Int) -> Question {
        var reader = XMLElementReader(element, path: path)
        reader.allow(attributes: ["id"], children: ["situation", "hint", "choice"])
        let options = reader.children("choice").map { choice -> Option in
            var choiceReader = XMLElementReader(choice, path: path)
            choiceReader.allow(attributes: ["better"], children: ["say", "consequence", "feedback"])
            let result = Option(text: choiceReader.children("say").first?.trimmedText ?? "", isCorrect: choiceReader.boolean("better"),
                                feedback: choiceReader.children("feedback").first?.trimmedText ?? "",
                                consequence: choiceReader.children("consequence").first?.trimmedText ?? "", location: choiceReader.location)
            reader.diagnostics.append(contentsOf: choiceReader.diagnostics)
            return result
        }
        diagnostics.append(contentsOf: reader.diagnostics)
        return Question(id: element.attributes["id"] ?? "q\(number)", kind: .scenario,
                        prompt: reader.children("situation").first?.trimmedText ?? "",
                        hints: reader.children("hint").map(\.trimmedText), options: options, location: reader.location)
    }
}

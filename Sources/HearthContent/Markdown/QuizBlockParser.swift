/// Parses the compact quiz syntax written in a Markdown fenced block with the info string `quiz`.
///
/// ```quiz
/// id: spotting-flooding
/// pass-mark: 80
/// band 0-79: Have another look at page 2, then try again.
///
/// ? When your heart is racing in an argument, what helps most?
/// hint: Think about what a racing heart does to listening.
/// - Keep going until it's sorted
///   > When we're flooded we stop hearing each other.
/// * Agree a 20-minute break, then come back to it
///   > Yes: a break lets your body settle so you can listen again.
/// ```
///
/// `?` starts a single-choice question, `??` a multiple-choice one, `?!` a true/false
/// statement and `?>` a "what would you say next?" scenario. Options start with `-`
/// (wrong) or `*` (right; for scenarios, a better choice); an indented `>` line under an
/// option is its feedback and, in scenarios, an indented `=>` line is what happens next.
/// The full grammar is in Docs/authoring.md.
struct QuizBlockParser {
    private let path: String
    private var diagnostics = Diagnostics()

    /// Parses the block's `lines`, the first of which is at `firstLine`, `column` in the file.
    static func parse(_ lines: [Substring], path: String, firstLine: Int, column: Int, defaultID: String,
                      blockLocation: SourceLocation) -> (Quiz, Diagnostics) {
        var parser = QuizBlockParser(path: path)
        let quiz = parser.parse(lines, firstLine: firstLine, column: column, defaultID: defaultID, blockLocation: blockLocation)
        return (quiz, parser.diagnostics)
    }

    private init(path: String) {
        self.path = path
    }

    private mutating func parse(_ lines: [Substring], firstLine: Int, column: Int, defaultID: String,
                                blockLocation: SourceLocation) -> Quiz {
        var quiz = Quiz(id: defaultID, questions: [], location: blockLocation)
        var question: Question?
        var seenQuestion = false

        func finish(_ question: inout Question?, into quiz: inout Quiz) {
            if let q = question { quiz.questions.append(q) }
            question = nil
        }

        for (offset, raw) in lines.enumerated() {
            let leading = raw.prefix { $0 == " " || $0 == "\t" }
            let indent = leading.count
            let text = raw.dropFirst(indent).trimmingTrailingSpaces
            let here = SourceLocation(path: path, line: firstLine + offset, column: column + indent)
            if text.isEmpty { continue }
            if let tab = leading.firstIndex(of: "\t") {
                // Reported, then read as the indentation it was meant to be, so the line still counts.
                diagnostics.error("this line is indented with a tab; indent with spaces, like '  > Well done'",
                                  at: SourceLocation(path: path, line: here.line, column: column + leading.distance(from: leading.startIndex, to: tab)))
            }

            if let (kind, prompt) = questionStart(text) {
                finish(&question, into: &quiz)
                seenQuestion = true
                if prompt.isEmpty { diagnostics.error("this question has no text after '\(kind.marker)'", at: here) }
                question = Question(id: "q\(quiz.questions.count + 1)", kind: kind.kind, prompt: prompt, options: [], location: here)
                continue
            }
            if !seenQuestion {
                header(text, at: here, into: &quiz)
                continue
            }
            guard question != nil else { continue }
            if indent == 0, text.hasPrefix("hint:") {
                let hint = text.dropFirst(5).trimmingLeadingSpaces
                if hint.isEmpty { diagnostics.error("this hint is empty; write the hint after 'hint:'", at: here) }
                if !(question!.options.isEmpty) {
                    diagnostics.error("put hints straight after the question, before its options", at: here)
                }
                question!.hints.append(String(hint))
            } else if indent == 0, text.hasPrefix("- ") || text.hasPrefix("* ") || text == "-" || text == "*" {
                let optionText = text.dropFirst(1).trimmingLeadingSpaces
                if optionText.isEmpty { diagnostics.error("this option has no text", at: here) }
                question!.options.append(Option(text: String(optionText), isCorrect: text.first == "*", location: here))
            } else if indent > 0, text.hasPrefix("=>") {
                guard !question!.options.isEmpty else {
                    diagnostics.error("'=>' (what happens next) must come under an option", at: here)
                    continue
                }
                if question!.kind != .scenario {
                    diagnostics.error("'=>' (what happens next) is only for scenarios, which start with '?>'", at: here)
                }
                let index = question!.options.count - 1
                question!.options[index].consequence.appendSentence(text.dropFirst(2).trimmingLeadingSpaces)
            } else if indent > 0, text.hasPrefix(">") {
                guard !question!.options.isEmpty else {
                    diagnostics.error("feedback ('>') must come under an option, indented", at: here)
                    continue
                }
                let index = question!.options.count - 1
                question!.options[index].feedback.appendSentence(text.dropFirst(1).trimmingLeadingSpaces)
            } else if text.hasPrefix(">") || text.hasPrefix("=>") {
                diagnostics.error("indent feedback under its option with two spaces, like '  > Well done'", at: here)
            } else {
                diagnostics.error("expected a question ('? …', '?? …', '?! …' or '?> …'), an option ('- …' or '* …'), indented feedback ('  > …') or a hint ('hint: …')", at: here)
            }
        }
        finish(&question, into: &quiz)
        validate(&quiz)
        return quiz
    }

    private struct QuestionMarker {
        var marker: String
        var kind: Question.Kind
    }

    private func questionStart(_ text: Substring) -> (QuestionMarker, String)? {
        let markers = [
            QuestionMarker(marker: "??", kind: .multipleChoice), QuestionMarker(marker: "?!", kind: .trueFalse),
            QuestionMarker(marker: "?>", kind: .scenario), QuestionMarker(marker: "?", kind: .singleChoice),
        ]
        for m in markers where text.hasPrefix(m.marker) {
            let rest = text.dropFirst(m.marker.count)
            guard rest.isEmpty || rest.first == " " else { continue }
            return (m, String(rest.trimmingLeadingSpaces))
        }
        return nil
    }

    /// Quiz settings before the first question: `id`, `title`, `pass-mark`, `attempts`, `draw`, `band N-M`.
    private mutating func header(_ text: Substring, at here: SourceLocation, into quiz: inout Quiz) {
        guard let colon = text.firstIndex(of: ":") else {
            diagnostics.error("before the first question, write settings as 'key: value' (id, title, pass-mark, attempts, draw, band N-M)", at: here)
            return
        }
        let key = text[..<colon].trimmingTrailingSpaces
        let value = String(text[text.index(after: colon)...].trimmingLeadingSpaces)
        switch key {
        case "id":
            quiz.id = value
        case "title":
            quiz.title = value
        case "pass-mark":
            quiz.passMark = number(value, key: "pass-mark", in: 0...100, at: here)
        case "attempts":
            quiz.attempts = number(value, key: "attempts", in: 1...100, at: here)
        case "draw":
            quiz.draw = number(value, key: "draw", in: 1...1000, at: here)
        case _ where key.hasPrefix("band "):
            let range = key.dropFirst(5).split(separator: "-", omittingEmptySubsequences: false)
            guard range.count == 2, let low = Int(range[0]), let high = Int(range[1]), 0 <= low, low <= high, high <= 100 else {
                diagnostics.error("write a score band as 'band 0-49: feedback', with percentages from 0 to 100", at: here)
                return
            }
            quiz.bands.append(ScoreBand(minimum: low, maximum: high, feedback: value, location: here))
        default:
            diagnostics.error("unknown quiz setting '\(key)'; the settings are: id, title, pass-mark, attempts, draw, band N-M", at: here)
        }
    }

    private mutating func number(_ value: String, key: String, in range: ClosedRange<Int>, at here: SourceLocation) -> Int? {
        guard let n = Int(value), range.contains(n) else {
            diagnostics.error("'\(key)' should be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'", at: here)
            return nil
        }
        return n
    }

    private mutating func validate(_ quiz: inout Quiz) {
        if quiz.questions.isEmpty {
            diagnostics.error("this quiz has no questions; start one with '? '", at: quiz.location)
        }
        if !QuizRules.isIdentifier(quiz.id) {
            diagnostics.error("the quiz id '\(quiz.id)' should be lower-case letters, digits and hyphens", at: quiz.location)
        }
        for question in quiz.questions {
            diagnostics.append(contentsOf: QuizRules.check(question))
        }
        if let draw = quiz.draw, draw > quiz.questions.count {
            diagnostics.error("'draw: \(draw)' asks for more questions than the quiz has (\(quiz.questions.count))", at: quiz.location)
        }
        if quiz.attempts != nil, quiz.passMark == nil {
            diagnostics.error("'attempts' only applies to an assessed quiz; add a 'pass-mark'", at: quiz.location)
        }
        QuizRules.checkBands(quiz.bands, into: &diagnostics)
    }
}

/// Checks every quiz must pass, however it was written (Markdown or XML).
enum QuizRules {
    static func isIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && id.first != "-" && id.last != "-"
    }

    static func check(_ question: Question) -> Diagnostics {
        var diagnostics = Diagnostics()
        let correct = question.correctCount
        let here = question.location
        if question.options.count < 2 {
            diagnostics.error("this question needs at least two options", at: here)
            return diagnostics
        }
        switch question.kind {
        case .singleChoice:
            if correct == 0 { diagnostics.error("this question has no correct answer; mark the right option with '*' instead of '-'", at: here) }
            if correct > 1 { diagnostics.error("this single-choice question has \(correct) correct options; keep one, or start it with '??' to make it multiple choice", at: here) }
        case .multipleChoice:
            if correct == 0 { diagnostics.error("this question has no correct answer; mark each right option with '*'", at: here) }
        case .trueFalse:
            let labels = question.options.map { $0.text.lowercased() }.sorted()
            if labels != ["false", "true"] {
                diagnostics.error("a true/false question ('?!') has exactly two options, 'true' and 'false'", at: here)
            } else if correct != 1 {
                diagnostics.error("mark either 'true' or 'false' as the answer with '*'", at: here)
            }
        case .scenario:
            if correct == 0 { diagnostics.error("this scenario has no better choice; mark at least one with '*'", at: here) }
            for option in question.options where option.consequence.isEmpty {
                diagnostics.error("each scenario choice needs what happens next, on an indented '=> …' line", at: option.location)
            }
        }
        return diagnostics
    }

    static func checkBands(_ bands: [ScoreBand], into diagnostics: inout Diagnostics) {
        let sorted = bands.sorted { $0.minimum < $1.minimum }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.minimum <= a.maximum {
            diagnostics.error("score bands \(a.minimum)-\(a.maximum) and \(b.minimum)-\(b.maximum) overlap", at: b.location)
        }
    }
}

extension Substring {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

extension String {
    /// Joins continuation lines of feedback with a space.
    mutating func appendSentence(_ more: Substring) {
        if !isEmpty { append(" ") }
        append(contentsOf: more)
    }
}

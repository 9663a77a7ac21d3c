import XCTest
@testable import HearthContent

final class QuizBlockParserTests: XCTestCase {
    private func parse(_ text: String) -> (Quiz, [String]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let (quiz, diagnostics) = QuizBlockParser.parse(lines, path: "m.md", firstLine: 10, column: 1, defaultID: "m-quiz",
                                                        blockLocation: SourceLocation(path: "m.md", line: 9))
        return (quiz, diagnostics.sorted.map(\.description))
    }

    func testEveryQuestionKindWithHintsFeedbackAndSettings() {
        let (quiz, errors) = parse("""
        id: flooding
        title: Check
        pass-mark: 80
        attempts: 2
        draw: 3
        band 0-79: Try again.
        band 80-100: Well done.

        ? What helps?
        hint: Think.
        hint: Think harder.
        - Keep going
          > It escalates.
        * A break
          > Yes.
          > Bodies settle.

        ?? Signs?
        * Racing heart
        * Shouting
        - Calm

        ?! Babies notice.
        * true
        - false

        ?> The door slams. What next?
        - "Don't you dare!"
          => Louder shouting.
          > Matching anger raises it.
        * "Hard day?"
          => They come down later.
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(quiz.id, "flooding")
        XCTAssertEqual(quiz.title, "Check")
        XCTAssertEqual(quiz.passMark, 80)
        XCTAssertEqual(quiz.attempts, 2)
        XCTAssertEqual(quiz.draw, 3)
        XCTAssertEqual(quiz.bands.map(\.feedback), ["Try again.", "Well done."])
        XCTAssertEqual(quiz.questions.map(\.kind), [.singleChoice, .multipleChoice, .trueFalse, .scenario])
        XCTAssertEqual(quiz.questions.map(\.id), ["q1", "q2", "q3", "q4"])
        XCTAssertEqual(quiz.questions[0].hints, ["Think.", "Think harder."])
        XCTAssertEqual(quiz.questions[0].options.map(\.isCorrect), [false, true])
        XCTAssertEqual(quiz.questions[0].options[1].feedback, "Yes. Bodies settle.")
        XCTAssertEqual(quiz.questions[0].location, SourceLocation(path: "m.md", line: 18, column: 1))
        XCTAssertEqual(quiz.questions[1].correctCount, 2)
        XCTAssertEqual(quiz.questions[3].options[0].consequence, "Louder shouting.")
        XCTAssertEqual(quiz.questions[3].options[1].consequence, "They come down later.")
        XCTAssertTrue(quiz.isAssessed)
    }

    func testMistakesAreReportedWhereTheyAre() {
        let (_, errors) = parse("""
        draw: 5
        colour: red
        band 0-60: Low.
        band 50-100: High.

        ? Pick one
        * A
        * B
        ?! Statement
        * yes
        - no
        ?> Scenario
        * Say this
        - Say that
          => Outcome
        > Unindented feedback
        ?? None right
        - x
        - y
        nonsense line
        """)
        XCTAssertEqual(errors, [
            "m.md:9:1: error: 'draw: 5' asks for more questions than the quiz has (4)",
            "m.md:11:1: error: unknown quiz setting 'colour'; the settings are: id, title, pass-mark, attempts, draw, band N-M",
            "m.md:13:1: error: score bands 0-60 and 50-100 overlap",
            "m.md:15:1: error: this single-choice question has 2 correct options; keep one, or start it with '??' to make it multiple choice",
            "m.md:18:1: error: a true/false question ('?!') has exactly two options, 'true' and 'false'",
            "m.md:22:1: error: each scenario choice needs what happens next, on an indented '=> …' line",
            "m.md:25:1: error: indent feedback under its option with two spaces, like '  > Well done'",
            "m.md:26:1: error: this question has no correct answer; mark each right option with '*'",
            "m.md:29:1: error: expected a question ('? …', '?? …', '?! …' or '?> …'), an option ('- …' or '* …'), indented feedback ('  > …') or a hint ('hint: …')",
        ])
    }
}

final class MarkdownFileTests: XCTestCase {
    func testFrontMatterAndPagesKeepTheirLineNumbers() {
        let file = MarkdownFile("---\ntitle: T\n---\nOne\n+++\nTwo\n```\n+++\n```\n+++\nThree\n", path: "m.md")
        XCTAssertEqual(file.diagnostics.all, [])
        XCTAssertEqual(file.body.firstLine, 4)
        let pages = file.pages
        XCTAssertEqual(pages.map(\.firstLine), [4, 6, 11])
        XCTAssertEqual(pages[1].text, "Two\n```\n+++\n```", "a +++ inside fenced code is not a page break")
    }

    func testMissingOrUnclosedFrontMatter() {
        XCTAssertEqual(MarkdownFile("# Hi\n", path: "a.md").diagnostics.sorted.map(\.description), [
            "a.md:1:1: error: a content file starts with front matter: a '---' line, 'title: …' and the other settings, then another '---' line",
        ])
        XCTAssertEqual(MarkdownFile("---\ntitle: x\n", path: "a.md").diagnostics.sorted.map(\.description), [
            "a.md:1:1: error: the front matter opened on line 1 is never closed; add a '---' line after the settings",
        ])
    }
}

final class ReadingAgeTests: XCTestCase {
    func testSimpleTextReadsYoungerThanDenseText() {
        let simple = String(repeating: "The cat sat on the mat. We had fun. ", count: 10)
        let dense = String(repeating: "Interparental conflict demonstrably influences developmental trajectories, particularly regarding emotional regulation capabilities. ", count: 6)
        let young = ReadingAge(text: simple).years!
        let old = ReadingAge(text: dense).years!
        XCTAssertLessThan(young, 8)
        XCTAssertGreaterThan(old, 18)
    }

    func testShortTextIsNotJudged() {
        XCTAssertNil(ReadingAge(text: "Too short to judge.").years)
    }

    func testSyllableCounts() {
        XCTAssertEqual(ReadingAge.syllables(in: "cat"), 1)
        XCTAssertEqual(ReadingAge.syllables(in: "make"), 1)
        XCTAssertEqual(ReadingAge.syllables(in: "table"), 2)
        XCTAssertEqual(ReadingAge.syllables(in: "relationship"), 4)
    }
}

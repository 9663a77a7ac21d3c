/// Every assessed quiz the server scores, by course, read from the content when `hearth serve` starts.
package struct AssessmentBook: Sendable {
    package var courses: [String: AssessedCourse]

    package init(courses: [AssessedCourse] = []) {
        self.courses = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The key of an assessed quiz; nil for an unknown course or quiz, or one that is not assessed.
    package func key(course: String, quiz: String) -> AssessmentKey? {
        courses[course]?.quizzes[quiz]
    }
}

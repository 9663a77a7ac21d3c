import HearthAPI
import HearthContent
import HearthSite

extension AssessmentBook {
    /// Every assessed quiz of the content, with its keys and teaching feedback rendered as the site renders it:
    /// what the server scores with, and what the built pages leave out.
    init(_ site: ContentSite) {
        let feedback = QuizFeedbackHTML.render(site)
        self.init(courses: site.courses.compactMap { course in
            var quizzes: [String: AssessmentKey] = [:]
            for module in course.modules {
                for quiz in module.quizzes {
                    guard let passMark = quiz.passMark else { continue }
                    quizzes[quiz.id] = AssessmentKey(
                        course: course.id, quiz: quiz.id, title: quiz.title, passMark: passMark, attempts: quiz.attempts, draw: quiz.draw,
                        questions: quiz.questions.map { question in
                            let html = feedback[quiz.id]?[question.id]
                            return AssessmentKey.Question(
                                id: question.id,
                                correct: Set(question.options.indices.filter { question.options[$0].isCorrect }),
                                optionCount: question.options.count, hints: html?.hints ?? [], feedback: html?.feedback ?? [])
                        })
                }
            }
            guard !quizzes.isEmpty else { return nil }
            return AssessedCourse(id: course.id, title: course.title, passMark: course.passMark, certificate: course.certificate,
                                  retakeAfterDays: course.retakeAfterDays ?? Course.defaultRetakeAfterDays, quizzes: quizzes)
        })
    }
}

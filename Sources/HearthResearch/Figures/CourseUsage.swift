/// Who a course reached and who finished it, by month and area, and its modules by area — each table under
/// disclosure control — with completion and quiz pass rates shown only where they rest on enough people.
package struct CourseUsage: Hashable, Sendable {
    package var course: String
    package var title: String
    /// Courses started, months × areas.
    package var started: LabelledTable
    /// Courses completed, months × areas.
    package var completed: LabelledTable
    /// Modules started, modules × areas (over the whole period).
    package var modulesStarted: LabelledTable
    /// Modules completed, modules × areas.
    package var modulesCompleted: LabelledTable
    /// Courses completed ÷ started over the period, in percent.
    package var completionRate: Disclosed<Double>
    /// Per quiz with a pass mark: completions and the share that passed, in percent.
    package var quizzes: [QuizPassRate]

    /// A quiz's pass rate.
    package struct QuizPassRate: Hashable, Sendable {
        package var quiz: String
        package var completed: Disclosed<Int>
        package var passRate: Disclosed<Double>
    }

    /// The counts a store query gives for one course, before disclosure control.
    package struct Counts: Sendable {
        /// month → area → count.
        package var started: [String: [String: Int]] = [:]
        package var completed: [String: [String: Int]] = [:]
        /// module → area → count.
        package var modulesStarted: [String: [String: Int]] = [:]
        package var modulesCompleted: [String: [String: Int]] = [:]
        /// quiz → (completions, passes).
        package var quizzes: [String: (completed: Int, passed: Int)] = [:]

        package init() {}
    }

    /// `months` and `areas` in the order to show them; `modules` and `quizzes` in the course's order.
    package init(course: String, title: String, months: [String], areas: [String], modules: [String], quizzes: [String],
                 counts: Counts, threshold: DisclosureThreshold) {
        self.course = course
        self.title = title
        started = LabelledTable(rows: months, columns: areas, counts: counts.started, threshold: threshold)
        completed = LabelledTable(rows: months, columns: areas, counts: counts.completed, threshold: threshold)
        modulesStarted = LabelledTable(rows: modules, columns: areas, counts: counts.modulesStarted, threshold: threshold)
        modulesCompleted = LabelledTable(rows: modules, columns: areas, counts: counts.modulesCompleted, threshold: threshold)
        let starts = Self.total(counts.started, rows: months, columns: areas)
        let finishes = Self.total(counts.completed, rows: months, columns: areas)
        completionRate = Self.rate(finishes, of: starts, threshold: threshold)
        self.quizzes = quizzes.map { quiz in
            let tally = counts.quizzes[quiz] ?? (0, 0)
            return QuizPassRate(quiz: quiz, completed: threshold.disclose(tally.completed),
                                passRate: Self.rate(tally.passed, of: tally.completed, threshold: threshold))
        }
    }

    /// The figures with only `areas` of the columns shown: the tables are sliced, never made again from the subset
    /// (see `LabelledTable.keepingColumns`), and the rates stay those of every column.
    package func keepingAreas(_ areas: [String]) -> CourseUsage {
        var narrowed = self
        narrowed.started = started.keepingColumns(areas)
        narrowed.completed = completed.keepingColumns(areas)
        narrowed.modulesStarted = modulesStarted.keepingColumns(areas)
        narrowed.modulesCompleted = modulesCompleted.keepingColumns(areas)
        return narrowed
    }

    /// A percentage only when both its parts reach the threshold: a rate on few people, or one whose part is a
    /// small count, would give that count back.
    static func rate(_ part: Int, of whole: Int, threshold: DisclosureThreshold) -> Disclosed<Double> {
        guard threshold.allows(whole), threshold.allows(part), threshold.allows(whole - part) else {
            return whole == 0 && threshold.allows(whole) ? .shown(nil) : .suppressed
        }
        return .shown(Double(part) * 100 / Double(whole))
    }

    private static func total(_ counts: [String: [String: Int]], rows: [String], columns: [String]) -> Int {
        rows.reduce(0) { sum, row in columns.reduce(sum) { $0 + (counts[row]?[$1] ?? 0) } }
    }
}

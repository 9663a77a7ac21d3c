/// The research queries, on read connections. Areas are a filter: nil for every area (events and responses that
/// named none included), else only those listed.
struct ResearchReads {
    let reads: ReadConnections

    /// `AND area IN (?, …)` and its values, or nothing for every area.
    private static func areaFilter(_ areas: [String]?, column: String = "area") -> (sql: String, values: [SQLiteStatement.Value]) {
        guard let areas else { return ("", []) }
        guard !areas.isEmpty else { return (" AND 0", []) }
        return (" AND \(column) IN (" + areas.map { _ in "?" }.joined(separator: ", ") + ")", areas.map { .text($0) })
    }

    private static func text(_ value: SQLiteStatement.Value) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }

    private static func integer(_ value: SQLiteStatement.Value) -> Int64? {
        if case .integer(let number) = value { return number }
        return nil
    }

    private static func real(_ value: SQLiteStatement.Value) -> Double? {
        switch value {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: return nil
        }
    }

    func tokens() throws -> [ResearchToken] {
        try reads.read { connection in
            try connection.prepare("SELECT name, hash, areas, scope, expires_day, created_day, revoked_day FROM research_tokens ORDER BY name")
                .rows().map { row in
                    let areas = Self.text(row[2]) ?? "all"
                    return ResearchToken(name: Self.text(row[0]) ?? "", hash: Self.text(row[1]) ?? "",
                                         areas: areas == "all" ? nil : areas.split(separator: ",").map(String.init),
                                         scope: ResearchToken.Scope(rawValue: Self.text(row[3]) ?? "") ?? .aggregate,
                                         expiresDay: Self.integer(row[4]), createdDay: Self.integer(row[5]) ?? 0, revokedDay: Self.integer(row[6]))
                }
        }
    }

    /// Every course's usage counts in one pass over the events. The counting is done here, in a hash table, rather
    /// than by SQLite's GROUP BY, which sorts every row first (ten times slower on a million events); months are told
    /// apart by comparing hours with their first hours, and texts become small numbers without a String per row.
    func usage(months: [MonthSpan], areas: [String]?) throws -> [String: UsageRows] {
        guard let first = months.first, let last = months.last else { return [:] }
        let filter = Self.areaFilter(areas)
        let starts = months.map(\.firstHour)
        return try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT course, type, area, module, quiz, score, hour FROM events
                WHERE hour BETWEEN ? AND ? AND type IN ('course.started', 'course.completed', 'module.started', 'module.completed', 'quiz.completed')\(filter.sql)
                """)
            statement.bind([.integer(first.firstHour), .integer(last.lastHour)] + filter.values)
            var symbols = ByteSymbols()
            var scores: [UInt64: Int] = [:]
            var scoreValues: [Double] = []
            var counts: [UsageKey: Int] = [:]
            while try statement.step() {
                let course = statement.withText(at: 0) { symbols.id($0) }
                let type = statement.withText(at: 1) { symbols.id($0) }
                let area = statement.withText(at: 2) { symbols.id($0) }
                let module = statement.withText(at: 3) { symbols.id($0) }
                let quiz = statement.withText(at: 4) { symbols.id($0) }
                var score = 0
                if let value = statement.double(at: 5) {
                    if let known = scores[value.bitPattern] { score = known } else {
                        scoreValues.append(value)
                        score = scoreValues.count
                        scores[value.bitPattern] = score
                    }
                }
                let hour = statement.integer(at: 6)
                // The month: the last whose first hour is not after this one (few months, so a scan).
                var month = 0
                while month + 1 < starts.count && starts[month + 1] <= hour { month += 1 }
                counts[UsageKey(course: course, type: type, area: area, module: module, quiz: quiz, score: score, month: month), default: 0] += 1
            }
            statement.reset()
            var rows: [String: UsageRows] = [:]
            for (key, count) in counts {
                guard let course = symbols.text(key.course), let type = symbols.text(key.type) else { continue }
                let area = symbols.text(key.area) ?? "none"
                let month = months[key.month].label
                switch type {
                case "course.started": rows[course, default: UsageRows()].started[month, default: [:]][area, default: 0] += count
                case "course.completed": rows[course, default: UsageRows()].completed[month, default: [:]][area, default: 0] += count
                case "module.started":
                    if let module = symbols.text(key.module) { rows[course, default: UsageRows()].modulesStarted[module, default: [:]][area, default: 0] += count }
                case "module.completed":
                    if let module = symbols.text(key.module) { rows[course, default: UsageRows()].modulesCompleted[module, default: [:]][area, default: 0] += count }
                default:
                    if let quiz = symbols.text(key.quiz), key.score > 0 {
                        rows[course, default: UsageRows()].quizScores[quiz, default: [:]][scoreValues[key.score - 1], default: 0] += count
                    }
                }
            }
            return rows
        }
    }

    func funnel(course: String, areas: [String]?) throws -> FunnelRows {
        let filter = Self.areaFilter(areas)
        return try reads.read { connection in
            var rows = FunnelRows()
            let anonymous = try connection.prepare("""
                SELECT type, COALESCE(module, ''), COUNT(*) FROM events
                WHERE course = ? AND type IN ('course.started', 'course.completed', 'module.started', 'module.completed')\(filter.sql)
                GROUP BY 1, 2
                """)
            for row in try anonymous.rows([.text(course)] + filter.values) {
                guard let type = Self.text(row[0]), let module = Self.text(row[1]), let count = Self.integer(row[2]).map(Int.init) else { continue }
                switch type {
                case "course.started": rows.coursesStarted += count
                case "course.completed": rows.coursesCompleted += count
                case "module.started": rows.modulesStarted[module, default: 0] += count
                default: rows.modulesCompleted[module, default: 0] += count
                }
            }
            let responseFilter = Self.areaFilter(areas)
            func distinct(_ sql: String, _ values: [SQLiteStatement.Value]) throws -> Int {
                Int(Self.integer(try connection.prepare(sql).rows(values).first?.first ?? .null) ?? 0)
            }
            rows.participants = try distinct("""
                SELECT COUNT(*) FROM (SELECT participant FROM events WHERE course = ? AND participant IS NOT NULL\(filter.sql)
                UNION SELECT participant FROM responses WHERE course = ? AND participant IS NOT NULL\(responseFilter.sql))
                """, [.text(course)] + filter.values + [.text(course)] + responseFilter.values)
            func answered(_ occasion: String) throws -> Int {
                try distinct("SELECT COUNT(DISTINCT participant) FROM responses WHERE course = ? AND occasion = ? AND participant IS NOT NULL\(responseFilter.sql)",
                             [.text(course), .text(occasion)] + responseFilter.values)
            }
            rows.answeredBefore = try answered("before")
            rows.answeredAfter = try answered("after")
            rows.answeredFollowUp = try answered("follow-up")
            rows.participantsCompleted = try distinct(
                "SELECT COUNT(DISTINCT participant) FROM events WHERE course = ? AND type = 'course.completed' AND participant IS NOT NULL\(filter.sql)",
                [.text(course)] + filter.values)
            return rows
        }
    }

    /// Every consenting participant's answers to `measure` for `course`, by occasion; the area filter applies to
    /// the before answer (where the person was when they started). Read a row at a time, so memory holds only the
    /// answers themselves.
    func answers(course: String, measure: String, areas: [String]?) throws -> [ParticipantAnswers] {
        try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT r.participant, r.occasion, r.hour, r.area, i.item, i.value FROM responses r JOIN response_items i ON i.response = r.id
                WHERE r.course = ? AND r.measure = ? AND r.participant IS NOT NULL
                """)
            statement.bind([.text(course), .text(measure)])
            var index: [String: Int] = [:]
            var entries: [ParticipantAnswers] = []
            while try statement.step() {
                guard let participant = statement.text(at: 0), let occasion = statement.text(at: 1), let item = statement.text(at: 4) else { continue }
                let position: Int
                if let known = index[participant] {
                    position = known
                } else {
                    position = entries.count
                    index[participant] = position
                    entries.append(ParticipantAnswers(participant: participant))
                }
                let hour = statement.integer(at: 2), value = Int(statement.integer(at: 5))
                func add(_ response: inout ParticipantAnswers.Response?) {
                    if response == nil { response = ParticipantAnswers.Response(hour: hour, area: statement.text(at: 3), answers: [:]) }
                    response?.answers[item] = value
                }
                switch occasion {
                case "before": add(&entries[position].before)
                case "after": add(&entries[position].after)
                default: add(&entries[position].followUp)
                }
            }
            statement.reset()
            return entries.filter { entry in
                guard let areas else { return true }
                return entry.before?.area.map(areas.contains) ?? false
            }.sorted { $0.participant < $1.participant }
        }
    }

    /// Every response, item by item, in the order of its random id — which says nothing about who answered or
    /// when (the table's own order, so nothing is sorted).
    func eachResponse(areas: [String]?, _ body: (ResponseExportRow) throws -> Void) throws {
        let filter = Self.areaFilter(areas, column: "r.area")
        try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT r.id, r.participant, r.course, r.area, r.measure, r.occasion, r.hour, i.item, i.value
                FROM responses r JOIN response_items i ON i.response = r.id
                WHERE 1\(filter.sql) ORDER BY r.id, i.item
                """)
            statement.bind(filter.values)
            var current: (id: String, row: ResponseExportRow)?
            while try statement.step() {
                let id = statement.text(at: 0) ?? ""
                if current?.id != id {
                    if let done = current { try body(done.row) }
                    current = (id, ResponseExportRow(participant: statement.text(at: 1), course: statement.text(at: 2), area: statement.text(at: 3),
                                                     measure: statement.text(at: 4) ?? "", occasion: statement.text(at: 5) ?? "",
                                                     hour: statement.integer(at: 6), answers: [:]))
                }
                current?.row.answers[statement.text(at: 7) ?? ""] = Int(statement.integer(at: 8))
            }
            if let done = current { try body(done.row) }
            statement.reset()
        }
    }

    /// Every event, by hour then by its random id — never in arrival order (see Docs/architecture.md).
    func eachEvent(areas: [String]?, _ body: (EventExportRow) throws -> Void) throws {
        let filter = Self.areaFilter(areas)
        try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT id, type, course, module, quiz, score, area, participant, hour FROM events WHERE 1\(filter.sql) ORDER BY hour, id
                """)
            statement.bind(filter.values)
            while try statement.step() {
                try body(EventExportRow(id: statement.text(at: 0) ?? "", type: statement.text(at: 1) ?? "", course: statement.text(at: 2) ?? "",
                                        module: statement.text(at: 3), quiz: statement.text(at: 4), score: statement.double(at: 5),
                                        area: statement.text(at: 6), participant: statement.text(at: 7), hour: statement.integer(at: 8)))
            }
            statement.reset()
        }
    }
}

/// One group of the usage count: symbol numbers for the texts, the score's number and the month's index.
private struct UsageKey: Hashable {
    var course, type, area, module, quiz, score, month: Int
}

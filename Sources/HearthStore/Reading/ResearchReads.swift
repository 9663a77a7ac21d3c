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

    func usage(course: String, fromHour: Int64, toHour: Int64, areas: [String]?) throws -> UsageRows {
        let filter = Self.areaFilter(areas)
        return try reads.read { connection in
            var rows = UsageRows()
            let monthly = try connection.prepare("""
                SELECT type, strftime('%Y-%m', hour * 3600, 'unixepoch'), COALESCE(area, 'none'), COUNT(*) FROM events
                WHERE course = ? AND type IN ('course.started', 'course.completed') AND hour BETWEEN ? AND ?\(filter.sql)
                GROUP BY 1, 2, 3
                """)
            for row in try monthly.rows([.text(course), .integer(fromHour), .integer(toHour)] + filter.values) {
                guard let type = Self.text(row[0]), let month = Self.text(row[1]), let area = Self.text(row[2]), let count = Self.integer(row[3]) else { continue }
                if type == "course.started" { rows.started[month, default: [:]][area] = Int(count) } else { rows.completed[month, default: [:]][area] = Int(count) }
            }
            let modules = try connection.prepare("""
                SELECT type, module, COALESCE(area, 'none'), COUNT(*) FROM events
                WHERE course = ? AND type IN ('module.started', 'module.completed') AND hour BETWEEN ? AND ?\(filter.sql)
                GROUP BY 1, 2, 3
                """)
            for row in try modules.rows([.text(course), .integer(fromHour), .integer(toHour)] + filter.values) {
                guard let type = Self.text(row[0]), let module = Self.text(row[1]), let area = Self.text(row[2]), let count = Self.integer(row[3]) else { continue }
                if type == "module.started" { rows.modulesStarted[module, default: [:]][area] = Int(count) }
                else { rows.modulesCompleted[module, default: [:]][area] = Int(count) }
            }
            let quizzes = try connection.prepare("""
                SELECT quiz, score, COUNT(*) FROM events
                WHERE course = ? AND type = 'quiz.completed' AND score IS NOT NULL AND hour BETWEEN ? AND ?\(filter.sql)
                GROUP BY 1, 2
                """)
            for row in try quizzes.rows([.text(course), .integer(fromHour), .integer(toHour)] + filter.values) {
                guard let quiz = Self.text(row[0]), let score = Self.real(row[1]), let count = Self.integer(row[2]) else { continue }
                rows.quizScores[quiz, default: [:]][score] = Int(count)
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
    /// the before answer (where the person was when they started).
    func answers(course: String, measure: String, areas: [String]?) throws -> [ParticipantAnswers] {
        try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT r.participant, r.occasion, r.hour, r.area, i.item, i.value FROM responses r JOIN response_items i ON i.response = r.id
                WHERE r.course = ? AND r.measure = ? AND r.participant IS NOT NULL
                ORDER BY r.participant, r.occasion
                """)
            var byParticipant: [String: ParticipantAnswers] = [:]
            for row in try statement.rows([.text(course), .text(measure)]) {
                guard let participant = Self.text(row[0]), let occasion = Self.text(row[1]), let hour = Self.integer(row[2]),
                      let item = Self.text(row[4]), let value = Self.integer(row[5]) else { continue }
                var entry = byParticipant[participant] ?? ParticipantAnswers(participant: participant)
                func add(_ response: inout ParticipantAnswers.Response?) {
                    if response == nil { response = ParticipantAnswers.Response(hour: hour, area: Self.text(row[3]), answers: [:]) }
                    response?.answers[item] = Int(value)
                }
                switch occasion {
                case "before": add(&entry.before)
                case "after": add(&entry.after)
                default: add(&entry.followUp)
                }
                byParticipant[participant] = entry
            }
            return byParticipant.values.filter { entry in
                guard let areas else { return true }
                return entry.before?.area.map(areas.contains) ?? false
            }.sorted { $0.participant < $1.participant }
        }
    }

    /// Every response, item by item, in an order that says nothing about when within the hour or by whom:
    /// by hour, then by the response's random id.
    func eachResponse(areas: [String]?, _ body: (ResponseExportRow) throws -> Void) throws {
        let filter = Self.areaFilter(areas, column: "r.area")
        try reads.read { connection in
            let statement = try connection.prepare("""
                SELECT r.id, r.participant, r.course, r.area, r.measure, r.occasion, r.hour, i.item, i.value
                FROM responses r JOIN response_items i ON i.response = r.id
                WHERE 1\(filter.sql) ORDER BY r.hour, r.id, i.item
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

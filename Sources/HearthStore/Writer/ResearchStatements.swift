/// The writer's SQL for research tokens and the audit of research requests.
struct ResearchStatements {
    let insertToken, revokeToken, audit: SQLiteStatement

    init(_ connection: SQLiteConnection) throws {
        insertToken = try connection.prepare(
            "INSERT INTO research_tokens (name, hash, areas, scope, expires_day, created_day) VALUES (?, ?, ?, ?, ?, ?)")
        revokeToken = try connection.prepare("UPDATE research_tokens SET revoked_day = ? WHERE name = ? AND revoked_day IS NULL")
        audit = try connection.prepare("INSERT INTO research_audit (token, endpoint, parameters, hour) VALUES (?, ?, ?, ?)")
    }
}

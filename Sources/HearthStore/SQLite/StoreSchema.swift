/// The store's schema as numbered migrations, applied in order at start-up and recorded in `schema_migrations`.
enum StoreSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            course TEXT NOT NULL,
            module TEXT,
            quiz TEXT,
            score REAL,
            area TEXT,
            participant TEXT,
            hour INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX events_participant ON events(participant) WHERE participant IS NOT NULL;
        CREATE INDEX events_course_hour ON events(course, hour);
        """,
        """
        CREATE TABLE responses (
            id TEXT PRIMARY KEY,
            measure TEXT NOT NULL,
            occasion TEXT NOT NULL,
            course TEXT,
            area TEXT,
            participant TEXT,
            hour INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE response_items (
            response TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
            item TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (response, item)
        ) WITHOUT ROWID;
        CREATE INDEX responses_participant ON responses(participant) WHERE participant IS NOT NULL;
        CREATE TABLE consents (
            participant TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            hour INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // Events keyed by random UUIDs dirtied a different page on every insert; a rowid table grows at
        // its end and only the narrow unique index is written at random (about 2x the batches per second).
        // The (course, hour) index goes until the research queries that need it arrive.
        """
        CREATE TABLE events_by_arrival (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            course TEXT NOT NULL,
            module TEXT,
            quiz TEXT,
            score REAL,
            area TEXT,
            participant TEXT,
            hour INTEGER NOT NULL
        );
        INSERT INTO events_by_arrival (id, type, course, module, quiz, score, area, participant, hour)
            SELECT id, type, course, module, quiz, score, area, participant, hour FROM events;
        DROP TABLE events;
        ALTER TABLE events_by_arrival RENAME TO events;
        CREATE INDEX events_participant ON events(participant) WHERE participant IS NOT NULL;
        """,
        // Events are appended and never looked up by id; ids reach `event_ids` in sorted slices (EventIDIndex).
        // `ids_indexed_through` is a seq, so a seq must never return after the newest rows are erased: the writer
        // numbers rows itself, from `highest_seq` (raised by each erasure), rather than paying AUTOINCREMENT's table write per row.
        """
        CREATE TABLE events_log (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            course TEXT NOT NULL,
            module TEXT,
            quiz TEXT,
            score REAL,
            area TEXT,
            participant TEXT,
            hour INTEGER NOT NULL
        );
        INSERT INTO events_log (seq, id, type, course, module, quiz, score, area, participant, hour)
            SELECT seq, id, type, course, module, quiz, score, area, participant, hour FROM events;
        DROP TABLE events;
        ALTER TABLE events_log RENAME TO events;
        CREATE INDEX events_participant ON events(participant) WHERE participant IS NOT NULL;
        CREATE TABLE event_ids (id BLOB PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE store_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO store_state (name, value) VALUES ('ids_indexed_through', 0), ('highest_seq', 0);
        """,
        // Erasure sticks: the keyed hash of every erased participant is kept (and nothing else), so consent for
        // that id is refused afterwards. Responses are looked up by participant, course, measure and occasion so
        // that a baseline is never answered twice.
        """
        CREATE TABLE erased_participants (participant TEXT PRIMARY KEY) WITHOUT ROWID;
        DROP INDEX responses_participant;
        CREATE INDEX responses_pairing ON responses(participant, course, measure, occasion) WHERE participant IS NOT NULL;
        """,
        // Assessed quizzes scored by the server, and the certificates they earn. A learner is a keyed hash of a
        // random id of its own (never a research participant's); a certificate is a hash of its code, the course
        // and the day, with nothing that says who holds it.
        """
        CREATE TABLE assessment_attempts (
            id TEXT PRIMARY KEY,
            learner TEXT NOT NULL,
            course TEXT NOT NULL,
            quiz TEXT NOT NULL,
            round INTEGER NOT NULL,
            questions TEXT NOT NULL,
            started_hour INTEGER NOT NULL,
            score INTEGER,
            passed INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX assessment_attempts_learner ON assessment_attempts(learner, course, quiz);
        CREATE TABLE certificates (
            code TEXT PRIMARY KEY,
            course TEXT NOT NULL,
            issued_day INTEGER NOT NULL,
            withdrawn_day INTEGER
        ) WITHOUT ROWID;
        """,
        // Researchers' access: a token is kept only as its SHA-256, with a name, the areas it sees, its scope and
        // expiry; every research request is recorded (token name, endpoint, parameters, hour). The research
        // queries read events by course and hour, and responses by course and measure.
        """
        CREATE TABLE research_tokens (
            name TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            areas TEXT NOT NULL,
            scope TEXT NOT NULL,
            expires_day INTEGER,
            created_day INTEGER NOT NULL,
            revoked_day INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE research_audit (
            token TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            parameters TEXT NOT NULL,
            hour INTEGER NOT NULL
        );
        CREATE INDEX responses_course_measure ON responses(course, measure);
        """,
    ]

    /// Brings a database up to the newest schema, one migration per transaction.
    static func migrate(_ connection: SQLiteConnection) throws {
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
        let current = try connection.integer("SELECT MAX(version) FROM schema_migrations")
        for (index, sql) in migrations.enumerated() where index + 1 > current {
            try connection.transaction {
                try connection.execute(sql)
                try connection.execute("INSERT INTO schema_migrations (version) VALUES (\(index + 1))")
            }
        }
    }
}

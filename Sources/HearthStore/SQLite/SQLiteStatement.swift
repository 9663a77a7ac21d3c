import CSQLite

/// A prepared statement: bind, step, read, reset.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(statement)
    }

    enum Value {
        case text(String)
        case integer(Int64)
        case real(Double)
        case blob([UInt8])
        case null
    }

    func bind(_ values: [Value]) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, hearth_sqlite_transient())
            case .integer(let n): sqlite3_bind_int64(statement, index, n)
            case .real(let d): sqlite3_bind_double(statement, index, d)
            case .blob(let bytes): sqlite3_bind_blob(statement, index, bytes, Int32(bytes.count), hearth_sqlite_transient())
            case .null: sqlite3_bind_null(statement, index)
            }
        }
    }

    // The writer's hot path binds in place: no array of values per row.

    /// Clears the previous run's state before binding afresh.
    func reset() {
        sqlite3_reset(statement)
    }

    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_text(statement, index, text, -1, hearth_sqlite_transient())
    }

    func bind(_ index: Int32, _ number: Int64) {
        sqlite3_bind_int64(statement, index, number)
    }

    func bind(_ index: Int32, _ number: Double?) {
        guard let number else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_double(statement, index, number)
    }

    func bind(_ index: Int32, _ id: EventID) {
        _ = id.withBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, 16, hearth_sqlite_transient()) }
    }

    /// Steps once after binding in place; true when a row came back.
    func step() throws -> Bool {
        let result = sqlite3_step(statement)
        if result == SQLITE_ROW { return true }
        guard result == SQLITE_DONE else { throw StoreError(description: "database error: \(connection.lastError)") }
        return false
    }

    /// Whether the bound query has a row; reset at once, so no read is left open to hold back a checkpoint.
    func exists() throws -> Bool {
        defer { sqlite3_reset(statement) }
        return try step()
    }

    /// A column of the current row as an integer.
    func integer(at column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// A column of the current row as text; nil when it is NULL.
    func text(at column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    /// A column of the current row as its UTF-8 bytes, without making a String (nil when it is NULL); the bytes
    /// are valid only inside `body`.
    func withText<T>(at column: Int32, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column) else { return body(nil) }
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }

    /// A column of the current row as a number; nil when it is NULL.
    func double(at column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    /// A column of the current row as an event id: 16 bytes, or the UUID text older rows hold.
    func eventID(at column: Int32) -> EventID? {
        if sqlite3_column_type(statement, column) == SQLITE_BLOB {
            guard sqlite3_column_bytes(statement, column) == 16, let bytes = sqlite3_column_blob(statement, column) else { return nil }
            return EventID(UnsafeRawBufferPointer(start: bytes, count: 16))
        }
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return EventID(String(cString: text))
    }

    /// Runs to completion; returns rows changed.
    @discardableResult
    func run(_ values: [Value] = []) throws -> Int {
        bind(values)
        let result = sqlite3_step(statement)
        guard result == SQLITE_DONE || result == SQLITE_ROW else {
            throw StoreError(description: "database error: \(connection.lastError)")
        }
        return connection.changes
    }

    /// Every row's columns as text or integers, for reads.
    func rows(_ values: [Value] = []) throws -> [[Value]] {
        bind(values)
        var rows: [[Value]] = []
        while true {
            let result = sqlite3_step(statement)
            if result == SQLITE_DONE { return rows }
            guard result == SQLITE_ROW else { throw StoreError(description: "database error: \(connection.lastError)") }
            var row: [Value] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_NULL: row.append(.null)
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    let start = sqlite3_column_blob(statement, column)?.assumingMemoryBound(to: UInt8.self)
                    row.append(.blob(Array(UnsafeBufferPointer(start: start, count: count))))
                default: row.append(.text(String(cString: sqlite3_column_text(statement, column))))
                }
            }
            rows.append(row)
        }
    }
}

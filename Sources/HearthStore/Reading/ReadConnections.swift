import Foundation

/// Connections for reading, each used by one thread at a time and never for writing.
///
/// In WAL mode readers see the last commit and never wait for the writer, so counts, checks and (later)
/// research queries run here rather than on the writer's connection, which only the writer thread touches.
final class ReadConnections: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var idle: [SQLiteConnection] = []
    /// Connections kept open between reads; more are opened under load and closed after use.
    private let kept = 4

    init(path: String) {
        self.path = path
    }

    /// Runs `body` with a connection of its own for the duration.
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        let connection = try reused ?? open()
        defer {
            lock.lock()
            if idle.count < kept { idle.append(connection) }
            lock.unlock()
        }
        return try body(connection)
    }

    private func open() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path)
        // A read connection that tried to write would be a bug; SQLite refuses it.
        try connection.execute("PRAGMA query_only = 1")
        return connection
    }
}

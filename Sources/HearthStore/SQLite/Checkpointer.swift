import CSQLite
import Foundation

/// Copies the write-ahead log back into the database on its own thread and connection.
///
/// SQLite's default runs that copy (and its fsync) inside whichever commit crosses 1,000 pages, so
/// every few hundred commits one request waited for it. Here the writer only asks; a passive
/// checkpoint runs beside it and never blocks a commit.
final class Checkpointer: @unchecked Sendable {
    /// WAL pages after which a checkpoint is asked for (SQLite's own default threshold).
    static let threshold: Int32 = 1000

    private let connection: SQLiteConnection
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var running = true

    init(path: String) throws {
        connection = try SQLiteConnection(path: path)
        // A checkpoint on a connection that has not read the database yet does nothing: it does not know the WAL.
        try connection.execute("SELECT count(*) FROM sqlite_master")
        let thread = Thread { [self] in run() }
        thread.name = "hearth-store-checkpoint"
        thread.start()
    }

    /// Installs the request on the writer's connection; `self` must outlive it.
    func watch(_ writer: SQLiteConnection) {
        writer.onCommit(context: Unmanaged.passUnretained(self).toOpaque()) { context, _, _, pages in
            if pages >= Checkpointer.threshold, let context {
                Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().request()
            }
            return SQLITE_OK
        }
    }

    func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Runs a last checkpoint and stops the thread.
    func stop() {
        condition.lock()
        stopping = true
        requested = true
        condition.signal()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while !requested { condition.wait() }
            requested = false
            let last = stopping
            condition.unlock()
            // A failed checkpoint loses nothing: the frames stay in the WAL and the next request tries again.
            try? connection.checkpoint()
            if last { break }
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }
}

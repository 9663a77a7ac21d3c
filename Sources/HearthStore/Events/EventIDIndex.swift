/// Which event ids the store already holds, so that a retried event is acknowledged but not stored twice.
///
/// A unique index on random UUIDs dirties a random page with every insert, and a durable commit writes
/// and syncs every dirty page again: that write, not SQLite's CPU, was what limited event batches. So
/// the events table only grows at its end, and ids reach the `event_ids` B-tree later, sorted, a slice
/// per commit — many ids to a page. Until then they are held here; after a restart they are read back
/// from the events past `store_state.ids_indexed_through`, so nothing depends on memory surviving.
///
/// Used only by the writer thread, inside its transactions: `begin`, then `contains`/`stored` per event,
/// `mergeSlice` before the commit, and `committed` or `rolledBack` after it.
final class EventIDIndex {
    /// Ids stored since the last generation was frozen, not yet in `event_ids`.
    private var pending: Set<EventID> = []
    /// The generation being written into `event_ids`, sorted; `merged` of them are written.
    private var merging: [EventID] = []
    private var merged = 0
    /// The highest event seq whose id was in `pending` when `merging` was frozen.
    private var mergingThrough: Int64 = 0
    /// Rows in `event_ids`, which sizes the next generation.
    private var indexedCount: Int
    /// The highest seq ever given to an event (erased ones included): the next event gets the one after.
    private(set) var lastSeq: Int64

    /// What the open transaction changed, to undo if it rolls back.
    private var addedInTransaction: [EventID] = []
    private var mergedAtBegin = 0
    private var lastSeqAtBegin: Int64 = 0

    private let lookup: SQLiteStatement
    private let insert: SQLiteStatement
    private let setIndexedThrough: SQLiteStatement
    private let connection: SQLiteConnection
    /// Every id in `event_ids`, so that most new ids need no lookup at all.
    private var filter: EventIDFilter

    /// Ids to gather before sorting them into the index: enough that a slice shares pages, bounded so memory stays small.
    var generationSize: Int { min(max(4096, indexedCount / 4), 131_072) }

    /// Loads the ids past the index's high-water mark; a long tail (after a migration or a long run) is indexed at once.
    init(connection: SQLiteConnection) throws {
        self.connection = connection
        lookup = try connection.prepare("SELECT 1 FROM event_ids WHERE id = ?")
        insert = try connection.prepare("INSERT OR IGNORE INTO event_ids (id) VALUES (?)")
        setIndexedThrough = try connection.prepare("UPDATE store_state SET value = ? WHERE name = 'ids_indexed_through'")

        let indexedThrough = try connection.integer("SELECT value FROM store_state WHERE name = 'ids_indexed_through'")
        indexedCount = Int(try connection.integer("SELECT COUNT(*) FROM event_ids"))
        filter = try Self.filter(of: connection, capacity: 2 * indexedCount)
        let highestSeq = try connection.integer(
            "SELECT max(COALESCE((SELECT max(seq) FROM events), 0), (SELECT value FROM store_state WHERE name = 'highest_seq'))")

        let tail = try connection.prepare("SELECT seq, id FROM events WHERE seq > ? ORDER BY seq")
        tail.reset()
        tail.bind(1, indexedThrough)
        lastSeq = max(indexedThrough, highestSeq)
        while try tail.step() {
            let seq = tail.integer(at: 0)
            guard let id = tail.eventID(at: 1) else { throw StoreError(description: "event \(seq) has an id that is not a UUID") }
            pending.insert(id)
        }
        if pending.count >= generationSize {
            try connection.transaction {
                for id in pending.sorted() { try write(id) }
                try record(indexedThrough: lastSeq)
            }
            indexedCount += pending.count
            pending = []
            growFilterIfFull()
        }
    }

    /// Past its size the filter says "perhaps" too often to save lookups, so it is rebuilt twice as large.
    /// If that read fails the old filter stays: it still holds every id, only with more false "perhaps".
    private func growFilterIfFull() {
        guard indexedCount > filter.capacity, let larger = try? Self.filter(of: connection, capacity: 2 * indexedCount) else { return }
        filter = larger
    }

    /// Whether `id` is already stored (in this transaction or any before it).
    func contains(_ id: EventID) throws -> Bool {
        if pending.contains(id) { return true }
        if Self.search(merging, for: id) { return true }
        guard filter.mayContain(id) else { return false }
        lookup.reset()
        lookup.bind(1, id)
        return try lookup.exists()
    }

    /// Notes events written in the open transaction (after their request's savepoint was released).
    func stored(_ ids: [EventID], lastSeq seq: Int64) {
        for id in ids { pending.insert(id) }
        addedInTransaction.append(contentsOf: ids)
        lastSeq = max(lastSeq, seq)
    }

    /// Marks the start of a transaction, so that a rollback can be undone here too.
    func begin() {
        addedInTransaction.removeAll(keepingCapacity: true)
        mergedAtBegin = merged
        lastSeqAtBegin = lastSeq
    }

    /// Writes the next slice of the frozen generation: twice as many ids as arrived, so the index keeps up.
    func mergeSlice(arrived: Int) throws {
        guard merged < merging.count else { return }
        let end = min(merging.count, merged + max(64, 2 * arrived))
        for index in merged..<end { try write(merging[index]) }
        merged = end
        if merged == merging.count { try record(indexedThrough: mergingThrough) }
    }

    /// After a commit: retire a finished generation and freeze the next once enough ids have gathered.
    func committed() {
        addedInTransaction.removeAll(keepingCapacity: true)
        if !merging.isEmpty && merged == merging.count {
            indexedCount += merging.count
            merging = []
            merged = 0
            growFilterIfFull()
        }
        if merging.isEmpty && pending.count >= generationSize {
            merging = pending.sorted()
            mergingThrough = lastSeq
            pending = []
        }
    }

    /// After a rollback: forget what the transaction added and where it had got to.
    func rolledBack() {
        for id in addedInTransaction { pending.remove(id) }
        addedInTransaction.removeAll(keepingCapacity: true)
        merged = mergedAtBegin
        lastSeq = lastSeqAtBegin
    }

    private func write(_ id: EventID) throws {
        filter.insert(id)
        insert.reset()
        insert.bind(1, id)
        _ = try insert.step()
    }

    private func record(indexedThrough seq: Int64) throws {
        setIndexedThrough.reset()
        setIndexedThrough.bind(1, seq)
        _ = try setIndexedThrough.step()
    }

    /// A filter holding every id in `event_ids`.
    private static func filter(of connection: SQLiteConnection, capacity: Int) throws -> EventIDFilter {
        var filter = EventIDFilter(capacity: capacity)
        let all = try connection.prepare("SELECT id FROM event_ids")
        all.reset()
        while try all.step() {
            if let id = all.eventID(at: 0) { filter.insert(id) }
        }
        return filter
    }

    private static func search(_ sorted: [EventID], for id: EventID) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == id
    }
}

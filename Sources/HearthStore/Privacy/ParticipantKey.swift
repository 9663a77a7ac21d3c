#if canImport(Glibc)
import Glibc
#endif

/// The secret behind participant hashes, in a file beside the database (mode 0600).
///
/// Losing it would silently defeat erasure: ids hashed with a new key match none of the rows already
/// held, so a `DELETE` would find nothing while the person's answers stayed. So a key is made only for
/// a database that holds no hashed ids, and the database keeps a check value of its key
/// (`store_state.key_check`, 64 bits of an HMAC of a fixed text) so that another key is refused too
/// while there are hashed ids it would fail to match.
enum ParticipantKey {
    static let length = 32
    private static let checkText = "hearth participant key check"

    /// The key for the database behind `connection`, made on first use; throws with what to restore when the
    /// file is missing, damaged or not this database's.
    static func load(path: String, connection: SQLiteConnection) throws -> KeyedHash {
        let recorded = try connection.prepare("SELECT value FROM store_state WHERE name = 'key_check'")
        let recordedCheck: Int64? = try recorded.step() ? recorded.integer(at: 0) : nil
        recorded.reset()

        let key: [UInt8]
        switch read(path) {
        case .found(let bytes):
            guard bytes.count == length else {
                throw StoreError(description: """
                    the participant key file \(path) is \(bytes.count) bytes long, but a key is \(length) bytes: it has been \
                    damaged or cut short. Restore it from a backup; without the right key, participants already in the \
                    database can no longer be found or erased, so Hearth will not start.
                    """)
            }
            if let recordedCheck, recordedCheck != check(bytes), try holdsHashedIDs(connection) {
                throw StoreError(description: """
                    the participant key file \(path) is not the key this database was made with. Restore the right file \
                    from a backup; with another key, participants already in the database can no longer be found or erased.
                    """)
            }
            key = bytes
        case .missing:
            if try holdsHashedIDs(connection) {
                throw StoreError(description: """
                    the participant key file \(path) is missing, but the database holds participants' hashed ids. Restore \
                    the file from a backup (it was made beside the database on first start). A new key would match none \
                    of them, so they could never be found or erased; Hearth will not make one.
                    """)
            }
            key = try create(path)
        case .unreadable(let reason):
            throw StoreError(description: "cannot read the participant key file \(path): \(reason)")
        }
        if recordedCheck != check(key) {
            try connection.prepare("INSERT OR REPLACE INTO store_state (name, value) VALUES ('key_check', ?)").run([.integer(check(key))])
        }
        return KeyedHash(key: key)
    }

    /// 64 bits of an HMAC under `key`: tells keys apart without revealing anything about them.
    static func check(_ key: [UInt8]) -> Int64 {
        let digest = KeyedHash(key: key).digest(checkText)
        return Int64(bitPattern: digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    private static func holdsHashedIDs(_ connection: SQLiteConnection) throws -> Bool {
        try connection.integer("""
            SELECT EXISTS (SELECT 1 FROM consents) OR EXISTS (SELECT 1 FROM erased_participants)
                OR EXISTS (SELECT 1 FROM events WHERE participant IS NOT NULL)
                OR EXISTS (SELECT 1 FROM responses WHERE participant IS NOT NULL)
            """) != 0
    }

    private enum FileState {
        case found([UInt8])
        case missing
        case unreadable(String)
    }

    private static func read(_ path: String) -> FileState {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = Glibc.read(descriptor, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .unreadable(String(cString: strerror(errno))) }
            if n == 0 { return .found(bytes) }
            bytes.append(contentsOf: buffer[0..<n])
            // Nothing longer is a key; read no further.
            if bytes.count > 4096 { return .found(bytes) }
        }
    }

    /// Writes a new random key beside the database: to a temporary file first, synced, then linked into
    /// place, so a crash never leaves a half-written key under the real name.
    private static func create(_ path: String) throws -> [UInt8] {
        var key = [UInt8](repeating: 0, count: length)
        let random = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        guard random >= 0, Glibc.read(random, &key, length) == length else {
            throw StoreError(description: "cannot read /dev/urandom for the participant key")
        }
        close(random)
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(description: "cannot create the participant key file \(temporary): \(String(cString: strerror(errno)))")
        }
        let written = Glibc.write(descriptor, key, length) == length && fsync(descriptor) == 0
        close(descriptor)
        defer { unlink(temporary) }
        guard written else { throw StoreError(description: "cannot write the participant key file \(temporary)") }
        guard link(temporary, path) == 0 else {
            throw StoreError(description: "cannot put the participant key file in place at \(path): \(String(cString: strerror(errno)))")
        }
        // The new name must survive a crash too.
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let directory = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return key
    }
}

// Debian's SQLite 3 (libsqlite3-dev), the embedded event store.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro Swift cannot import: it tells SQLite to copy bound text.
static inline void (*hearth_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

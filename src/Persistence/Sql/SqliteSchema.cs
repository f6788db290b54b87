namespace Cluster.Persistence;

internal static class SqliteSchema
{
    // AUTOINCREMENT: an ordering is never reused after delete-to, so a tail reader's offset stays meaningful.
    public const string Script = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            writer_id TEXT NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS journal_deleted_to (
            persistence_id TEXT PRIMARY KEY,
            deleted_to INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS snapshots (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            expires_at INTEGER NOT NULL);
        """;
}

namespace Cluster.Persistence;

internal static class PostgresSchema
{
    public static string Script(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.journal (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created TIMESTAMPTZ NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            writer_id TEXT NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS {schema}.journal_deleted_to (
            persistence_id TEXT PRIMARY KEY,
            deleted_to BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS {schema}.snapshots (
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created TIMESTAMPTZ NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS {schema}.leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            epoch BIGINT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL);
        """;
}

namespace Cluster.Runtime.Sql;

/// <summary>The controller database engines: SQLite embedded (the default), PostgreSQL for production.</summary>
public enum SqlProvider
{
    Sqlite,
    PostgreSql,
}

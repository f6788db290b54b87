using Akka.Configuration;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Tests.Support;

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cluster-runtime-{Guid.NewGuid():N}.db");

    public override SqlProvider Provider => SqlProvider.Sqlite;

    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override string Schema => "main";

    public string FilePath => _path;

    public override void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override IReadOnlyList<object[]> Rows(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ReadAll();
    }

    public override IReadOnlyList<string> TableNames() =>
        [.. Rows("SELECT name FROM sqlite_master WHERE type = 'table'").Select(row => (string)row[0])];

    public override Config LeaseBlock() => SqlLeaseConfig.Sqlite(ConnectionString);

    public override SqlPersistence Persistence() => SqlPersistenceConfig.Sqlite(_path);

    protected override void Drop()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

using Akka.Actor;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Tests.Support;
using LinqToDB.Data;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>The SQLite tuning reaches the plugin: its linq2db connections run the pragmas, its file is in WAL mode.</summary>
public sealed class SqliteTuningTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly SqliteTestDatabase _db;

    public SqliteTuningTests(ITestOutputHelper output)
        : this(new SqliteTestDatabase(), output)
    {
    }

    private SqliteTuningTests(SqliteTestDatabase db, ITestOutputHelper output)
        : base(db.Persistence().ToActorSystemSetup(DefaultConfig), output: output)
    {
        _db = db;
    }

    [Fact]
    public async Task The_journal_file_is_in_wal_mode_and_holds_our_tables()
    {
        var recorder = Sys.ActorOf(Recorder.Props("wal"));

        await recorder.Ask<Recorded>(new Record("a"), TimeSpan.FromSeconds(20));

        Assert.Equal("wal", _db.Rows("PRAGMA journal_mode")[0][0]);
        var tables = _db.Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'akka_%'").Select(r => (string)r[0]);
        Assert.Contains(SqlPersistenceConfig.JournalTable, tables);
        Assert.Contains(SqlPersistenceConfig.SnapshotTable, tables);
    }

    [Fact]
    public void Connections_the_plugin_opens_through_linq2db_run_with_synchronous_normal()
    {
        var options = _db.Persistence().ConnectionOptions ?? throw new InvalidOperationException("SQLite needs connection options");

        using var connection = new DataConnection(options);

        // 1 = NORMAL; a fresh Microsoft.Data.Sqlite connection reports 2 (FULL).
        Assert.Equal(1, connection.Execute<long>("PRAGMA synchronous"));
        Assert.Equal("wal", connection.Execute<string>("PRAGMA journal_mode"));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _db.Dispose();
    }
}

using Akka.Actor;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>The SQLite file the plugin writes is in WAL mode: the linq2db interceptor ran on its connections.</summary>
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

    protected override void AfterAll()
    {
        base.AfterAll();
        _db.Dispose();
    }
}

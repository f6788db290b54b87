namespace Cluster.Persistence.Tests;

public sealed class SqliteJournalTests : JournalConformance
{
    protected override ITestBackend CreateBackend() => new SqliteTestBackend();
}

public sealed class SqliteSnapshotStoreTests : SnapshotStoreConformance
{
    protected override ITestBackend CreateBackend() => new SqliteTestBackend();
}

public sealed class SqliteLeaseStoreTests : LeaseStoreConformance
{
    protected override ITestBackend CreateBackend() => new SqliteTestBackend();
}

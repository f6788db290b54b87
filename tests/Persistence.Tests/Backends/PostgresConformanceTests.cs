namespace Cluster.Persistence.Tests;

public sealed class PostgresJournalTests : JournalConformance
{
    protected override ITestBackend CreateBackend() => new PostgresTestBackend();
}

public sealed class PostgresSnapshotStoreTests : SnapshotStoreConformance
{
    protected override ITestBackend CreateBackend() => new PostgresTestBackend();
}

public sealed class PostgresLeaseStoreTests : LeaseStoreConformance
{
    protected override ITestBackend CreateBackend() => new PostgresTestBackend();
}

namespace Cluster.Persistence.Tests;

public sealed class InMemoryJournalTests : JournalConformance
{
    protected override ITestBackend CreateBackend() => new InMemoryTestBackend();
}

public sealed class InMemorySnapshotStoreTests : SnapshotStoreConformance
{
    protected override ITestBackend CreateBackend() => new InMemoryTestBackend();
}

public sealed class InMemoryLeaseStoreTests : LeaseStoreConformance
{
    protected override ITestBackend CreateBackend() => new InMemoryTestBackend();
}

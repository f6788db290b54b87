using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

/// <summary>The PostgreSQL backend on its own schema per test; fails (never skips) without CLUSTER_TEST_PG.</summary>
public sealed class PostgresStorageLeaseStoreTests : StorageLeaseStoreConformance
{
    private readonly PostgresTestBackend _server = new();

    public override async Task DisposeAsync() => await _server.DisposeAsync();

    protected override async Task<IStorageLeaseStore> CreateStoreAsync(TimeProvider time) =>
        await PostgresStorageLeaseStore.OpenAsync(await _server.BackendAsync(), time);
}

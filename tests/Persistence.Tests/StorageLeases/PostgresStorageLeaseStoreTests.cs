using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

/// <summary>The PostgreSQL store on its own schema per test; fails (never skips) without CLUSTER_TEST_PG.</summary>
public sealed class PostgresStorageLeaseStoreTests : StorageLeaseStoreConformance
{
    private readonly PostgresTestSchema _schema = new();
    private PostgresStorageLeaseStore? _store;

    public override async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await _schema.DisposeAsync();
    }

    protected override async Task<IStorageLeaseStore> CreateStoreAsync(TimeProvider time) =>
        _store = await PostgresStorageLeaseStore.OpenAsync(PostgresTestSchema.ConnectionString, _schema.Name, time);
}

using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.Backends;

/// <summary>
/// Replicas start together against a fresh database: creating the schema must not fail for any of them.
/// Needs CLUSTER_TEST_PG (scripts/with-postgres.sh); fails without it.
/// </summary>
public sealed class PostgresSchemaCreationTests
{
    [Fact]
    public async Task Many_processes_opening_a_fresh_schema_at_once_all_succeed()
    {
        // One round loses the race only now and then; five fresh schemas make a regression show reliably.
        for (var round = 0; round < 5; round++)
        {
            var schema = "race_" + Guid.NewGuid().ToString("N")[..12];
            var backends = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            {
                var backend = await PostgresBackend.OpenAsync(PostgresTestBackend.ConnectionString, schema);
                await PostgresStorageLeaseStore.OpenAsync(backend, TimeProvider.System);
                return backend;
            }));

            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }

            Assert.Equal(12, backends.Length);
        }
    }
}

using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

/// <summary>
/// Host nodes and controller replicas start together against a fresh database: creating the lease table's schema
/// must not fail for any of them. Needs CLUSTER_TEST_PG (scripts/with-postgres.sh); fails without it.
/// </summary>
public sealed class PostgresSchemaCreationTests
{
    [Fact]
    public async Task Many_processes_opening_a_fresh_schema_at_once_all_succeed()
    {
        // One round loses the race only now and then; five fresh schemas make a regression show reliably.
        for (var round = 0; round < 5; round++)
        {
            await using var schema = new PostgresTestSchema();
            var stores = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
                PostgresStorageLeaseStore.OpenAsync(PostgresTestSchema.ConnectionString, schema.Name, TimeProvider.System)));

            // Every store reads the one table they all created.
            foreach (var store in stores)
            {
                Assert.Null(await store.ReadAsync("ds-1", "vm-1"));
                await store.DisposeAsync();
            }

            Assert.Equal(12, stores.Length);
        }
    }

    [Fact]
    public async Task A_schema_name_that_is_not_a_plain_identifier_is_refused_before_connecting()
    {
        // The name is spliced into SQL text; the check runs before any connection, so no server is needed here.
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            PostgresStorageLeaseStore.OpenAsync("Host=unused", "public; DROP TABLE x", TimeProvider.System));

        Assert.Equal("schema", ex.ParamName);
    }
}

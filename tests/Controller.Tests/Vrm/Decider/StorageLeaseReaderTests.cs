using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>The lease-read effect's executor: one check per candidate, failures folded into the answer.</summary>
public sealed class StorageLeaseReaderTests
{
    private static readonly HaCandidate Candidate = new(VmId.From("vm-0001"), 1, HostId.From("h-1"), DatastoreId.From("ds-1"), HaCandidateKind.FailedHost);

    [Fact]
    public async Task Without_a_lease_store_every_lease_reads_as_absent()
    {
        var answer = await new StorageLeaseReader(null).RunAsync(new ReadStorageLeases([Candidate]));

        Assert.Equal(new LeaseCheck(Candidate, null, null), Assert.Single(Assert.IsType<StorageLeasesRead>(answer).Checks));
    }

    [Fact]
    public async Task A_datastore_that_cannot_be_read_is_reported_in_the_answer_not_thrown()
    {
        var store = new InMemoryStorageLeaseStore(new FrozenTime());
        store.FailDatastore("ds-1");

        var answer = await new StorageLeaseReader(store).RunAsync(new ReadStorageLeases([Candidate]));

        var check = Assert.Single(Assert.IsType<StorageLeasesRead>(answer).Checks);
        Assert.Null(check.Lease);
        Assert.False(string.IsNullOrEmpty(check.Error));
    }

    [Fact]
    public async Task A_held_lease_is_returned_as_stored()
    {
        var store = new InMemoryStorageLeaseStore(new FrozenTime());
        await store.TryAcquireAsync("ds-1", "vm-0001", "h-1", 1, TimeSpan.FromSeconds(10));

        var answer = await new StorageLeaseReader(store).RunAsync(new ReadStorageLeases([Candidate]));

        var lease = Assert.Single(Assert.IsType<StorageLeasesRead>(answer).Checks).Lease;
        Assert.NotNull(lease);
        Assert.True(lease.IsHeldBy("h-1", 1));
    }

    /// <summary>A clock that never moves: the store only stamps leases with it.</summary>
    private sealed class FrozenTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => VrmDeciderHarness.T0;
    }
}

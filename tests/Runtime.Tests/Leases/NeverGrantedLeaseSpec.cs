using Akka.Coordination;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Tests.Leases;

/// <summary>A host node's split-brain lease, resolved the way Akka resolves it: by config path, never granted.</summary>
public sealed class NeverGrantedLeaseSpec() : Akka.TestKit.Xunit2.TestKit(SqlLeaseConfig.NeverGranted())
{
    [Fact]
    public async Task A_host_nodes_lease_resolves_by_the_shared_path_and_is_never_granted()
    {
        var lease = LeaseProvider.Get(Sys).GetLease("cluster-akka-sbr", SqlLeaseConfig.ConfigPath, "127.0.0.1:9120");

        Assert.IsType<NeverGrantedLease>(lease);
        Assert.False(await lease.Acquire());
        Assert.False(await lease.Acquire(_ => { }));
        Assert.False(lease.CheckLease());
        Assert.True(await lease.Release());
    }
}

using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using Microsoft.Extensions.Logging.Abstractions;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Vm;

/// <summary>What every VM agent test class shares: the agent of vm-0001 on host-1 under its CNA, leases and a start.</summary>
internal static class VmAgentFixture
{
    public static readonly VmId Web = VmId.From("vm-0001");
    /// <summary>The agent's parent, its CNA (named Cna in the test classes).</summary>
    public static readonly Peer Parent = new("cna-1");

    public static VmAgentDecider NewAgent() => new(Web, Host, Parent, new LeaseFencingOptions(), NullLogger.Instance);

    public static StorageLease Lease(DatastoreId datastore, string holder, long incarnation) =>
        new(datastore.Value, Web.Value, holder, incarnation, 1, T0, StorageLeaseDefaults.Ttl, Released: false);

    /// <summary>At 0 s the controller starts vm-0001 as incarnation 2; this host gets its ds-1 lease and the guest runs.</summary>
    public static void StartWithLease(DeciderHarness<VmAgentDecider> agent)
    {
        var acquire = agent.At(0).Send(new StartVmRequested(new StartVm(1, 5, Web, Spec("web"), 2), Controller1), Parent).Effect<AcquireStorageLease>();
        var acquired = agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Ds1, Host.Value, 2), null), null));
        agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), null));
    }
}

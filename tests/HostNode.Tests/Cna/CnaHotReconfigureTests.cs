using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>The VRM's hot reconfigure reaches the hypervisor (through the VM's agent when the host keeps storage leases) and is answered.</summary>
public sealed class CnaHotReconfigureTests
{
    private static readonly VmId Web = VmId.From("vm-0001");

    [Fact]
    public void Through_the_vms_agent_the_guest_grows_and_the_controller_hears_accepted_and_the_new_memory()
    {
        var harness = new CnaHarness(s => s with { UsesStorageLeases = true });
        var spec = Spec("web");
        var acquire = harness.At(1).Send(new StartVm(1, 5, Web, spec, 2), Controller1).Effect<AcquireStorageLease>();
        harness.At(1.2).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(new StorageLease(Ds1.Value, Web.Value, Host.Value, 2, 1, T0, StorageLeaseDefaults.Ttl, Released: false), null), null));
        var grown = spec with { Vcpus = spec.Vcpus + 1, MemoryMb = spec.MemoryMb + 512 };

        var applied = harness.At(2).Send(new HotReconfigureVm(1, 6, Web, 2, grown), Controller1);

        Assert.Equal(new HotReconfigureGuest(Web, 2, grown), Assert.Single(applied.HypervisorCallsOf()));
        Assert.Equal(new CommandAccepted(6), Assert.Single(applied.SentTo<CommandAccepted>(Controller1)));
        Assert.Equal(grown.MemoryMb, Assert.Single(applied.SentTo<Heartbeat>(Controller1)).MemoryMbUsed);
    }

    [Fact]
    public void Without_leases_the_hypervisor_is_asked_at_once_and_its_refusal_is_the_answer()
    {
        var harness = new CnaHarness();
        var spec = Spec("web");
        harness.Send(new StartVm(1, 1, Web, spec, 1), Controller1);

        var refused = harness.Send(new HotReconfigureVm(1, 2, Web, 1, spec with { Vcpus = spec.Vcpus - 1 }), Controller1);

        Assert.Contains("not hot-removed", Assert.Single(refused.SentTo<CommandRejected>(Controller1)).Reason, StringComparison.Ordinal);
    }
}

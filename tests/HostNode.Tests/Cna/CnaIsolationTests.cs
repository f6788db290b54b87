using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

public sealed class CnaIsolationTests
{
    private static readonly VmId Web = VmId.From("vm-0001");

    private static CnaHarness Host(IsolationResponse response, bool isolationAddress = true)
    {
        var harness = new CnaHarness(s => s with { IsolationResponse = response }, isolationAddress: isolationAddress);
        harness.Send(new StartVm(1, 1, Web, Spec("web"), 1), Controller1);
        return harness;
    }

    [Fact]
    public void Every_controller_is_watched_from_the_start_unless_vms_are_left_running()
    {
        var watched = new CnaHarness(s => s with { IsolationResponse = IsolationResponse.PowerOff }).Started;
        var unwatched = new CnaHarness().Started;

        Assert.Equal([Controller1, Controller2], watched.Effects.OfType<WatchController>().Select(w => w.Controller));
        Assert.Empty(unwatched.Effects.OfType<WatchController>());
    }

    [Fact]
    public void The_isolation_address_is_pinged_only_once_every_controller_is_unreachable()
    {
        var harness = Host(IsolationResponse.PowerOff);

        var one = harness.At(10).Answer(new ControllerUnreachable(Controller1));
        var both = harness.At(10.5).Answer(new ControllerUnreachable(Controller2));

        Assert.Empty(one.Effects);
        Assert.Equal(new PingIsolationAddress(Gateway, TimeSpan.FromSeconds(2)), both.Effect<PingIsolationAddress>());
    }

    [Fact]
    public void A_silent_isolation_address_powers_off_every_running_vm()
    {
        var harness = Host(IsolationResponse.PowerOff);
        harness.At(10).Answer(new ControllerUnreachable(Controller1));
        harness.At(10).Answer(new ControllerUnreachable(Controller2));

        var silent = harness.At(12).Answer(new IsolationAddressPinged(Answered: false));

        Assert.Equal(new StopGuest(Web, Graceful: false), Assert.Single(silent.HypervisorCallsOf()));
        Assert.True(harness.Cna.Isolated);
        Assert.DoesNotContain(harness.Hypervisor.Report(), r => r.PowerState == VmPowerState.Running);
    }

    [Fact]
    public void An_answering_isolation_address_leaves_the_vms_running()
    {
        var harness = Host(IsolationResponse.Shutdown);
        harness.At(10).Answer(new ControllerUnreachable(Controller1));
        harness.At(10).Answer(new ControllerUnreachable(Controller2));

        var answered = harness.At(10.1).Answer(new IsolationAddressPinged(Answered: true));

        Assert.Empty(answered.HypervisorCallsOf());
        Assert.False(harness.Cna.Isolated);
        Assert.Equal(VmPowerState.Running, Assert.Single(harness.Hypervisor.Report()).PowerState);
    }

    [Fact]
    public void Without_an_isolation_address_losing_every_controller_is_isolation_and_shutdown_is_graceful()
    {
        var harness = Host(IsolationResponse.Shutdown, isolationAddress: false);
        harness.At(10).Answer(new ControllerUnreachable(Controller1));

        var isolated = harness.At(10).Answer(new ControllerUnreachable(Controller2));

        Assert.Empty(isolated.Effects.OfType<PingIsolationAddress>());
        Assert.Equal(new StopGuest(Web, Graceful: true), Assert.Single(isolated.HypervisorCallsOf()));
    }

    [Fact]
    public void An_isolated_host_releases_the_leases_of_the_vms_it_stopped()
    {
        var harness = new CnaHarness(s => s with { IsolationResponse = IsolationResponse.PowerOff, UsesStorageLeases = true });
        var acquire = harness.Send(new StartVm(1, 1, Web, Spec("web"), 1), Controller1).Effect<AcquireStorageLease>();
        var lease = new StorageLease(Ds1.Value, Web.Value, CnaHarness.Host.Value, 1, 1, T0, StorageLeaseDefaults.Ttl, Released: false);
        harness.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(lease, null), null));
        harness.At(10).Answer(new ControllerUnreachable(Controller1));
        harness.At(10).Answer(new ControllerUnreachable(Controller2));

        var silent = harness.At(12).Answer(new IsolationAddressPinged(Answered: false));

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 1), silent.Effect<ReleaseStorageLease>());
    }

    [Fact]
    public void A_controller_heard_again_ends_isolation_and_is_watched_again()
    {
        var harness = Host(IsolationResponse.PowerOff);
        harness.At(10).Answer(new ControllerUnreachable(Controller1));
        harness.At(10).Answer(new ControllerUnreachable(Controller2));
        harness.At(12).Answer(new IsolationAddressPinged(Answered: false));

        var heard = harness.At(20).Send(new HostRegistrationAccepted(CnaHarness.Host, 2), Controller2);

        Assert.False(harness.Cna.Isolated);
        Assert.Equal(new WatchController(Controller2), heard.Effect<WatchController>());
    }
}

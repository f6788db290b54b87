using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>After a cold start or a failover, a host is a placement or HA target only once it has reported to this VRM.</summary>
public sealed class VrmDeciderTenureTests
{
    private static readonly Peer Operator = VrmDeciderHarness.Operator;
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_successor_places_a_start_only_on_a_host_that_has_reported_to_it()
    {
        _vrm.Register("h-1", "10.0.0.1:9120");
        _vrm.Register("h-2", "10.0.0.2:9120");
        _vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var vm = _vrm.Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator).VmId;
        var successor = Successor();

        var refused = successor.At(1).Ask(new PowerOnVm(vm));
        successor.Beat("h-2");
        var started = successor.Ask(new PowerOnVm(vm));

        Assert.Empty(refused.Events);
        Assert.Contains("Connecting", refused.ReplyTo<AdminFailure>(Operator).Error.Message);
        Assert.Equal(HostId.From("h-2"), started.EventsOf<VmPlaced>().Single().Host);
    }

    [Fact]
    public void A_successor_restarts_a_failed_hosts_vm_only_once_the_other_host_has_reported_and_then_at_once()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var other = Other(host);
        for (var t = 10; t <= 30; t += 10)
        {
            _vrm.At(t).Beat(other.Value);
        }

        Assert.Equal(HostState.Faulty, _vrm.At(31).Tick().EventsOf<HostStateChanged>().Single().To);
        var successor = Successor();

        var heard = successor.At(2).Beat(other.Value);

        Assert.Empty(successor.Started.Effects);
        var read = Assert.IsType<ReadStorageLeases>(Assert.Single(heard.Effects));
        var restarted = successor.Send(new StorageLeasesRead([Lapsed(read.Candidates.Single(), successor.Now)]), Peer.None);
        Assert.Equal(new HaRestartPlanned(vm, host, other, 1), restarted.EventsOf<HaRestartPlanned>().Single());
    }

    [Fact]
    public void With_no_host_heard_ha_waits_for_the_window_plans_nothing_onto_hosts_not_heard_and_retries_at_its_next_look_once_one_reports()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var other = Other(host);
        var successor = Successor();

        var faulty = successor.At(31).Tick();
        var read = Assert.IsType<ReadStorageLeases>(Assert.Single(faulty.Effects));
        var noTarget = successor.Send(new StorageLeasesRead([Lapsed(read.Candidates.Single(), successor.Now)]), Peer.None);
        successor.At(33).Register(other.Value, "10.0.0.9:9120");
        var lookAgain = successor.At(35).Send(HaRecheck.Instance, Peer.None);
        var again = Assert.IsType<ReadStorageLeases>(Assert.Single(lookAgain.Effects));
        var restarted = successor.Send(new StorageLeasesRead([Lapsed(again.Candidates.Single(), successor.Now)]), Peer.None);

        Assert.Equal(2, faulty.EventsOf<HostStateChanged>().Count());
        Assert.Empty(noTarget.EventsOf<VmPlaced>());
        Assert.Single(noTarget.EventsOf<RestartRetryScheduled>());
        Assert.Equal(other, restarted.EventsOf<VmPlaced>().Single().Host);
        Assert.Equal(vm, restarted.EventsOf<HaRestartPlanned>().Single().VmId);
    }

    private VrmDeciderHarness Successor()
    {
        var events = _vrm.AllEvents.ToList();
        return new VrmDeciderHarness(_vrm.Settings, recover: d => events.ForEach(d.Recover));
    }

    private static HostId Other(HostId host) => HostId.From(host.Value == "h-1" ? "h-2" : "h-1");

    private static LeaseCheck Lapsed(HaCandidate candidate, DateTimeOffset now) =>
        new(candidate, new StorageLease(candidate.Datastore.Value, candidate.VmId.Value, candidate.Host.Value, candidate.Incarnation, 5, now.AddSeconds(-30), TimeSpan.FromSeconds(10), Released: false), null);
}

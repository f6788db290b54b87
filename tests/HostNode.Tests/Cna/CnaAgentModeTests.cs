using Cluster.Deciders.Testing;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>
/// The VM agents in-process (the simulation's mode) and as child actors (the host process's) must lead to the same
/// outcomes: what the controller hears, what the hypervisor does, which lease I/O is done and when.
/// </summary>
public sealed class CnaAgentModeTests
{
    private static readonly VmId Web = VmId.From("vm-0001");
    private static readonly VmId Db = VmId.From("vm-0002");

    [Fact]
    public void Start_refusal_renewal_fencing_restart_and_stop_give_the_same_transcript_in_both_modes()
    {
        var inProcess = Transcript(agentsAsChildren: false, out var inProcessHarness);
        var children = Transcript(agentsAsChildren: true, out var childHarness);

        Assert.Equal(inProcess, children);
        Assert.Contains(inProcess, line => line.Contains("CommandAccepted { CommandId = 5 }", StringComparison.Ordinal));
        Assert.Contains(inProcess, line => line.Contains("held by host-7", StringComparison.Ordinal));
        Assert.Contains(inProcess, line => line == "hypervisor: FenceGuest { Vm = vm-0001 }");
        Assert.Contains(inProcess, line => line == "effect: ReleaseStorageLease { Datastore = ds-1, Vm = vm-0001, Incarnation = 3, Context =  }");
        Assert.Empty(inProcessHarness.Cna.AgentVms);
        Assert.Empty(childHarness.Cna.AgentVms);
        Assert.Empty(childHarness.Children);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_child_agent_stays_while_it_holds_a_lease_and_is_retired_once_it_gave_it_back(bool agentsAsChildren)
    {
        var harness = Harness(agentsAsChildren);
        StartRunning(harness.At(1), Web, 2);
        Assert.Equal([Web], harness.Cna.AgentVms);

        harness.At(2).Send(new StopVm(1, 6, Web, Graceful: true), Controller1);

        Assert.Empty(harness.Cna.AgentVms);
        Assert.Empty(harness.Children);
    }

    private static List<string> Transcript(bool agentsAsChildren, out CnaHarness harness)
    {
        harness = Harness(agentsAsChildren);
        var lines = new List<string>();
        var h = harness;
        void Record(string what, DecidedStep outcome)
        {
            lines.Add($"-- {what}");

            // Within one input, child agents and the CNA act concurrently: only what happened counts, not in which order.
            var happened = outcome.Messages.Where(m => m.To != Self).Select(m => $"to {m.To}: {m.Message}")
                .Concat(outcome.HypervisorCallsOf().Select(c => $"hypervisor: {c}"))
                .Concat(outcome.Effects.Where(e => e is not PerformHypervisorOperation).Select(e => $"effect: {e}"));
            lines.AddRange(happened.Order(StringComparer.Ordinal));
            lines.Add($"agents: {string.Join(",", h.Cna.AgentVms.Order())}; guests: {string.Join(",", h.Hypervisor.Report())}");
        }

        Record("start", harness.Started);
        var startWeb = harness.At(1).Send(new StartVm(1, 5, Web, Spec("web"), 2), Controller1);
        Record("start web", startWeb);
        Record("web acquired", harness.At(1.2).Answer(Acquired(startWeb.Effect<AcquireStorageLease>(), Host.Value)));
        var startDb = harness.At(1.5).Send(new StartVm(1, 7, Db, Spec("db"), 1), Controller1);
        Record("start db", startDb);
        Record("db refused", harness.At(1.6).Answer(Acquired(startDb.Effect<AcquireStorageLease>(), "host-7")));
        foreach (var second in new[] { 5.0, 10.0 })
        {
            var tick = harness.At(second).Fire(RenewLeases.TimerKey);
            Record($"tick {second}", tick);
            Record($"renewal failed {second}", harness.At(second + 0.5).Answer(new StorageLeaseRenewed(tick.Effect<RenewStorageLease>(), RenewalOutcome.Failed)));
        }

        Record("tick past the fence deadline", harness.At(16.2).Fire(RenewLeases.TimerKey));
        var restart = harness.At(20).Send(new StartVm(2, 8, Web, Spec("web"), 3), Controller2);
        Record("restart web", restart);
        Record("web acquired again", harness.At(20.1).Answer(Acquired(restart.Effect<AcquireStorageLease>(), Host.Value)));
        Record("stop web", harness.At(25).Send(new StopVm(2, 9, Web, Graceful: true), Controller2));
        return lines;
    }

    private static CnaHarness Harness(bool agentsAsChildren) => new(s => s with { UsesStorageLeases = true, AgentsAsChildren = agentsAsChildren });

    private static void StartRunning(CnaHarness harness, VmId vm, long incarnation)
    {
        var acquire = harness.Send(new StartVm(1, 5, vm, Spec(vm.Value), incarnation), Controller1).Effect<AcquireStorageLease>();
        harness.Answer(Acquired(acquire, Host.Value));
    }

    private static StorageLeaseAcquired Acquired(AcquireStorageLease request, string holder)
    {
        var lease = new StorageLease(request.Datastore.Value, request.Vm.Value, holder, request.Incarnation, 1, request.StartedAt, StorageLeaseDefaults.Ttl, Released: false);
        var refusal = holder == Host.Value ? (AcquireRefusal?)null : AcquireRefusal.HeldByAnother;
        return new StorageLeaseAcquired(request, new AcquireResult(lease, refusal), null);
    }
}

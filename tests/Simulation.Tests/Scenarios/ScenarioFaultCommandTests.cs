using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Tests.Scenarios;

/// <summary>The commands the randomized runs write: healing one host's cut, restarting the controllers that are down, not waiting for answers, expecting a settled cluster.</summary>
public sealed class ScenarioFaultCommandTests
{
    // Three standard hosts on the one default datastore, ds-1.
    private const string Cluster = "hosts:\n  - names: [host-1, host-2, host-3]\n";

    private static ScenarioResult Run(string commands, string cluster = Cluster)
    {
        var definition = ClusterFile.Parse(cluster, "cluster.yaml");
        return ScenarioRunner.Run(definition, CommandFile.Parse(commands, "commands.txt", definition));
    }

    private static string Lines(ScenarioResult result) => string.Join('\n', result.Log);

    [Fact]
    public void Healing_one_hosts_management_cut_brings_that_host_back_and_leaves_the_other_cut()
    {
        var result = Run("""
            partition-management host-1
            partition-management host-2
            advance 40s
            heal-management host-1
            advance 20s
            """);

        Assert.Contains("HostStateChanged host-1 Faulty->Normal (heartbeats resumed)", Lines(result), StringComparison.Ordinal);
        Assert.DoesNotContain("HostStateChanged host-2 Faulty->Normal", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Restarting_the_controllers_that_are_down_names_them()
    {
        var result = Run("""
            crash-controller active
            advance 5s
            restart-controller down
            restart-controller down
            """);

        Assert.Contains("< restarted ctrl-1", Lines(result), StringComparison.Ordinal);
        Assert.Contains("< no controller is down", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_settled_cluster_passes_its_settled_checks()
    {
        var result = Run("""
            vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40
            vm start web-1
            crash host-1
            advance 60s
            restart host-1
            advance 2m
            expect-settled
            """);

        Assert.Empty(result.Violations);
        Assert.Contains("< settled", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Expecting_a_settled_cluster_while_a_host_is_still_down_breaks_the_settled_checks()
    {
        var result = Run("""
            crash host-2
            advance 2m
            expect-settled
            """);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("hosts-normal-when-settled", violation.Invariant);
        Assert.Equal("settled at 00:02:10.000", violation.When);
        Assert.Contains("< not settled: hosts-normal-when-settled", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_waiting_an_answer_is_logged_after_the_step_it_came_in_and_an_unanswered_vm_is_not_known_yet()
    {
        var result = Run(
            """
            vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40
            vm start web-1
            advance 1s
            vm start web-1
            advance 1s
            """,
            Cluster + "settings:\n  asks: no-wait\n");

        Assert.Equal(
            [
                "00:00:10.000 > vm start web-1",
                "00:00:10.000 < VM web-1 is not known: its create has no answer (yet)",
                "00:00:10.000 > advance 1s",

                // The datastore was sent at start-up, and is added only now, just before the VM.
                "00:00:10.000 DatastoreAdded ds-1",
                "00:00:10.000 VmCreated web-1 2 vCPU 4096 MB ha=on priority=Medium",
                "00:00:11.000 < vm create web-1: ok: web-1 Stopped",
            ],
            result.Log.SkipWhile(l => !l.EndsWith("> vm start web-1", StringComparison.Ordinal)).Take(6));
        Assert.Contains("< vm start web-1: ok: web-1 Starting on", Lines(result), StringComparison.Ordinal);
        Assert.Empty(result.Violations);
    }
}

using Cluster.Messages;
using Cluster.Simulation.Dst;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Tests.Dst;

/// <summary>A seed's plan written as a scenario reads back as exactly what was drawn, so the written folder replays the seed.</summary>
public sealed class DstScenarioTests
{
    private static (ScenarioCluster Cluster, IReadOnlyList<ScenarioCommand> Commands) Read(DstScenario scenario)
    {
        var cluster = ClusterFile.Parse(scenario.ClusterYaml, ScenarioRunner.ClusterFileName);
        return (cluster, CommandFile.Parse(scenario.Commands, ScenarioRunner.CommandsFileName, cluster));
    }

    /// <summary>A spec as text, its disks listed (a record compares lists by reference).</summary>
    private static string Text(VmSpec spec) => $"{spec with { Disks = [] }} disks {string.Join(", ", spec.Disks)}";

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.3)]
    public void Every_management_fault_probability_a_plan_can_draw_reads_back_as_the_same_number(double max)
    {
        var cluster = ClusterFile.Parse("hosts:\n  - name: host-1\n", "cluster.yaml");
        for (var thousandths = 0; thousandths <= 1000; thousandths++)
        {
            var drawn = thousandths / 1000.0 * max;
            var line = $"management-faults host-1 drop={DstPlan.Exact(drawn)}";

            var read = (ManagementFaultsCommand)CommandFile.Parse(line, "commands.txt", cluster).Single();

            Assert.Equal(drawn, read.Faults.DropProbability);
        }
    }

    [Fact]
    public void The_written_cluster_reads_back_as_the_cluster_the_run_uses()
    {
        static string Text(ScenarioCluster c) =>
            $"{c.Options with { Hosts = [], Datastores = [] }} asks {c.Asks} datastores {string.Join(", ", c.Datastores)} ({string.Join(", ", c.Options.Datastores)}) "
            + string.Join("; ", c.Options.Hosts.Select(h => $"{h with { Datastores = [] }} on {string.Join(", ", h.Datastores)}"));

        foreach (var seed in Enumerable.Range(1, 100))
        {
            var scenario = DstScenario.From(DstPlan.Generate(seed));

            var (cluster, _) = Read(scenario);

            Assert.Equal(Text(scenario.Cluster), Text(cluster));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2675)]
    public void The_written_commands_create_the_drawn_vms_and_end_by_expecting_a_settled_cluster(int seed)
    {
        var plan = DstPlan.Generate(seed);

        var (_, commands) = Read(DstScenario.From(plan));

        Assert.Equal(plan.Vms.Select(v => Text(v.ToSpec())), commands.OfType<CreateVmCommand>().Select(c => Text(c.Request.ToSpec())));
        Assert.IsType<ExpectSettledCommand>(commands[^1]);
    }

    [Fact]
    public void A_plan_crashes_only_hosts_that_are_up_and_restarts_only_hosts_that_are_down()
    {
        foreach (var seed in Enumerable.Range(1, 50))
        {
            var down = new HashSet<string>();
            foreach (var host in Read(DstScenario.From(DstPlan.Generate(seed))).Commands.OfType<HostCommand>())
            {
                switch (host.Fault)
                {
                    case HostFault.Crash:
                        Assert.True(down.Add(host.Host.Value), $"seed {seed} line {host.Line}: {host.Host} is already down");
                        break;
                    case HostFault.Restart:
                        Assert.True(down.Remove(host.Host.Value), $"seed {seed} line {host.Line}: {host.Host} is up");
                        break;
                }
            }

            Assert.Empty(down);
        }
    }

    [Fact]
    public void Plans_mix_in_migrations_named_and_not_dirty_guests_cancels_cuts_between_hosts_and_maintenance()
    {
        var commands = Enumerable.Range(1, 50).SelectMany(seed => Read(DstScenario.From(DstPlan.Generate(seed))).Commands).ToList();

        var migrates = commands.OfType<MigrateVmCommand>().ToList();
        Assert.Contains(migrates, m => m.Host is null);
        Assert.Contains(migrates, m => m.Host is not null);
        Assert.Contains(commands.OfType<MigrationCommand>(), c => c.Cancel);
        Assert.Contains(commands.OfType<GuestDirtyRateCommand>(), c => c.MibPerSecond >= 200_000);
        Assert.Contains(commands.OfType<PartitionHostsCommand>(), c => c.Heal);
        Assert.Contains(commands.OfType<HostMaintenanceCommand>(), c => c.Enter);
    }

    [Fact]
    public void A_plan_heals_every_cut_between_hosts_takes_every_host_out_of_maintenance_and_issues_nothing_after_the_final_heal_but_waiting()
    {
        foreach (var seed in Enumerable.Range(1, 50))
        {
            var commands = Read(DstScenario.From(DstPlan.Generate(seed))).Commands;
            var heal = commands.ToList().FindIndex(c => c is HealCommand);
            var cut = new HashSet<(HostId, HostId)>();
            foreach (var partition in commands.Take(heal).OfType<PartitionHostsCommand>())
            {
                Assert.True(partition.Heal ? cut.Remove((partition.A, partition.B)) : cut.Add((partition.A, partition.B)), $"seed {seed} line {partition.Line}");
            }

            Assert.Empty(cut);
            Assert.DoesNotContain(commands.Skip(heal), c => c is MigrateVmCommand or MigrationCommand or GuestDirtyRateCommand or PartitionHostsCommand or HostMaintenanceCommand);
            var entered = new HashSet<HostId>();
            foreach (var maintenance in commands.Take(heal).OfType<HostMaintenanceCommand>())
            {
                Assert.True(maintenance.Enter ? entered.Add(maintenance.Host) : entered.Remove(maintenance.Host), $"seed {seed} line {maintenance.Line}");
            }

            Assert.Empty(entered);
        }
    }
}

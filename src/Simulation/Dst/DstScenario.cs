using System.Globalization;
using System.Text;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Dst;

/// <summary>
/// A randomized run as a scenario folder's two inputs: the cluster as cluster.yaml, and the whole run as commands.txt
/// (create and start the VMs, the fault schedule, heal everything, five quiet minutes, <c>expect-settled</c>). The DST
/// runs the commands as parsed from this text, so a failing seed's folder replays it in the scenario suite. The
/// cluster it takes as drawn (<see cref="Cluster"/>), since reading YAML would cost more than the rest of the set-up;
/// a test holds that cluster.yaml reads back as the same.
/// </summary>
public sealed record DstScenario(int Seed, ScenarioCluster Cluster, string ClusterYaml, string Commands)
{
    public const long DatastoreCapacityGb = 10_000;
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);

    public static DstScenario From(DstPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var cluster = new ScenarioCluster(plan.Options, [.. DstPlan.DatastoreNames.Select(d => new ScenarioDatastore(d, DatastoreCapacityGb))])
        {
            Asks = OperatorAsks.NoWait,
        };
        return new DstScenario(plan.Seed, cluster, ClusterText(plan), CommandsText(plan));
    }

    private static string ClusterText(DstPlan plan)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# DST seed {plan.Seed}: {plan.Options.Hosts.Count} hosts, {plan.Vms.Count} VMs, faults for {plan.FaultPeriod.TotalMinutes:0} min");
        text.AppendLine(invariant, $"seed: {plan.Seed}");
        text.AppendLine(invariant, $"controllers: {plan.Options.Controllers}");
        text.AppendLine("datastores:");
        foreach (var datastore in DstPlan.DatastoreNames)
        {
            text.AppendLine(invariant, $"  - name: {datastore}");
            text.AppendLine(invariant, $"    capacity-gb: {DatastoreCapacityGb}");
        }

        text.AppendLine("hosts:");
        foreach (var host in plan.Options.Hosts)
        {
            var hardware = host.Hardware;
            text.AppendLine(invariant, $"  - name: {host.HostId}");
            text.AppendLine(invariant, $"    sockets: {hardware.Sockets}");
            text.AppendLine(invariant, $"    cores: {hardware.CoresPerSocket}");
            text.AppendLine(invariant, $"    threads: {hardware.ThreadsPerCore}");
            text.AppendLine(invariant, $"    clock-mhz: {hardware.ClockMhz}");
            text.AppendLine(invariant, $"    memory-gb: {hardware.MemoryMb / 1024}");
        }

        text.AppendLine("settings:");
        text.AppendLine(invariant, $"  heartbeat-jitter: {plan.Options.HeartbeatJitter.TotalMilliseconds:0}ms");
        text.AppendLine("  asks: no-wait");
        return text.ToString();
    }

    private static string CommandsText(DstPlan plan)
    {
        var text = new StringBuilder();
        var clock = TimeSpan.Zero;
        void Line(string line) => text.Append(line).Append('\n');
        void AdvanceTo(TimeSpan at)
        {
            if (at > clock)
            {
                Line(FormattableString.Invariant($"advance {(at - clock).TotalSeconds:0}s"));
                clock = at;
            }
        }

        Line("# the VMs are created a second after the datastores, and started two seconds later");
        Line("advance 1s");
        foreach (var vm in plan.Vms)
        {
            Line(FormattableString.Invariant($"vm create --name {vm.Name} --vcpus {vm.Vcpus} --memory-mb {vm.MemoryMb} --disk {vm.Disks![0].Datastore}:{vm.Disks[0].SizeGb} --ha {(vm.HaEnabled ? "true" : "false")} --priority {vm.RestartPriority.ToString().ToLowerInvariant()}"));
        }

        Line("advance 2s");
        foreach (var vm in plan.Vms)
        {
            Line($"vm start {vm.Name}");
        }

        Line(FormattableString.Invariant($"# faults for {plan.FaultPeriod.TotalMinutes:0} minutes"));
        var down = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in plan.Actions)
        {
            // A host is crashed only when up and restarted only when down; which it is follows from the schedule alone.
            var skip = action.Verb switch
            {
                "crash" => !down.Add(action.Target),
                "restart" => !down.Remove(action.Target),
                _ => false,
            };
            if (!skip)
            {
                AdvanceTo(action.At);
                Line(action.Command);
            }
        }

        AdvanceTo(plan.FaultPeriod);
        Line("# heal everything, then expect the cluster to have settled after five quiet minutes");
        Line("heal");
        foreach (var host in plan.Options.Hosts)
        {
            Line($"restore-storage {host.HostId}");
            if (down.Contains(host.HostId.Value))
            {
                Line($"restart {host.HostId}");
            }
        }

        foreach (var datastore in DstPlan.DatastoreNames)
        {
            Line($"datastore-up {datastore}");
        }

        Line($"restart-controller {RestartControllerCommand.AllDown}");
        Line(FormattableString.Invariant($"advance {Quiet.TotalMinutes:0}m"));
        Line("expect-settled");
        return text.ToString();
    }
}

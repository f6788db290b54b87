using System.Globalization;
using System.Text;
using Cluster.Messages;
using Cluster.Simulation.Scenarios;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Dst;

public enum DstFault
{
    CrashHost,
    RestartHost,
    PartitionManagement,
    HealManagement,
    LoseStorage,
    RestoreStorage,
    ManagementFaults,
    ClearManagementFaults,
    CrashController,
    RestartController,
    DatastoreDown,
    DatastoreUp,
    CrashGuest,
    PowerOff,
    PowerOn,
}

/// <summary>One scheduled action: a fault, its undo, or an operator's command, at a virtual time.</summary>
public sealed record DstAction(TimeSpan At, DstFault Fault, string Target, LinkFaults? Faults = null)
{
    public override string ToString() => Faults is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"{Durations.Clock(At)} {Fault} {Target} drop={f.DropProbability:0.##} dup={f.DuplicateProbability:0.##} delay={f.MinDelay.TotalMilliseconds:0}-{f.MaxDelay.TotalMilliseconds:0}ms")
        : $"{Durations.Clock(At)} {Fault} {Target}";
}

/// <summary>
/// A randomized run, all drawn from one seed: a small cluster (3–6 hosts, 2 controllers, 5–20 VMs with
/// random sizes, priorities and HA flags, together needing at most half the memory) and a fault schedule
/// over 10–20 simulated minutes. Every fault is undone within the schedule, and everything is healed at
/// its end.
/// </summary>
public sealed record DstPlan(int Seed, SimulatedClusterOptions Options, IReadOnlyList<CreateVmRequest> Vms, TimeSpan FaultPeriod, IReadOnlyList<DstAction> Actions)
{
    public static readonly IReadOnlyList<string> DatastoreNames = ["ds-1", "ds-2"];

    public static DstPlan Generate(int seed)
    {
        var random = new DstRandom(seed);
        var hosts = Enumerable.Range(1, random.Between(3, 6))
            .Select(i => new SimulatedHostSpec(
                HostId.From($"host-{i}"),
                new HostHardware(1, random.Pick([8, 12, 16]), 2, 2600, random.Pick([24, 32, 48]) * 1024L),
                [.. DatastoreNames.Select(DatastoreId.From)]))
            .ToList();
        var budget = hosts.Sum(h => h.Hardware.UsableMemoryMb) / 2;
        var vms = new List<CreateVmRequest>();
        var wanted = random.Between(5, 20);
        for (var i = 1; i <= wanted; i++)
        {
            var memory = random.Pick([1024L, 2048, 4096, 8192]);
            if (vms.Sum(v => v.MemoryMb) + memory > budget)
            {
                break;
            }

            vms.Add(new CreateVmRequest(
                $"vm{i}",
                random.Between(1, 4),
                memory,
                [new VmDisk(DatastoreId.From(random.Pick(DatastoreNames)), 20)],
                HaEnabled: random.Percent(80),
                RestartPriority: random.Pick([RestartPriority.High, RestartPriority.Medium, RestartPriority.Low])));
        }

        var options = new SimulatedClusterOptions
        {
            Seed = seed,
            Controllers = 2,
            Hosts = hosts,
            Datastores = DatastoreNames,
            HeartbeatJitter = TimeSpan.FromMilliseconds(random.Pick([0, 0, 200, 500])),
        };
        var period = TimeSpan.FromMinutes(random.Between(10, 20));
        return new DstPlan(seed, options, vms, period, Schedule(random, hosts, vms, period));
    }

    private static List<DstAction> Schedule(DstRandom random, List<SimulatedHostSpec> hosts, List<CreateVmRequest> vms, TimeSpan period)
    {
        var actions = new List<DstAction>();
        var episodes = random.Between(8, 24);
        for (var i = 0; i < episodes; i++)
        {
            var at = random.Seconds(40, (int)period.TotalSeconds - 20);
            var host = random.Pick(hosts).HostId.Value;
            var undo = at + random.Seconds(5, 200);
            undo = undo < period ? undo : period;
            void Episode(DstFault fault, DstFault back, string target, LinkFaults? faults = null)
            {
                actions.Add(new DstAction(at, fault, target, faults));
                actions.Add(new DstAction(undo, back, target));
            }

            switch (random.Below(10))
            {
                case 0 or 1:
                    Episode(DstFault.CrashHost, DstFault.RestartHost, host);
                    break;
                case 2:
                    Episode(DstFault.PartitionManagement, DstFault.HealManagement, host);
                    break;
                case 3:
                    Episode(DstFault.LoseStorage, DstFault.RestoreStorage, host);
                    break;
                case 4:
                    Episode(DstFault.ManagementFaults, DstFault.ClearManagementFaults, host, new LinkFaults
                    {
                        DropProbability = random.Fraction(0.6),
                        DuplicateProbability = random.Fraction(0.3),
                        MaxDelay = TimeSpan.FromMilliseconds(random.Pick([0, 200, 1000, 3000])),
                    });
                    break;
                case 5:
                    Episode(DstFault.CrashController, DstFault.RestartController, random.Pick(["active", "ctrl-1", "ctrl-2"]));
                    break;
                case 6:
                    Episode(DstFault.DatastoreDown, DstFault.DatastoreUp, random.Pick(DatastoreNames));
                    break;
                case 7:
                    actions.Add(new DstAction(at, DstFault.CrashGuest, random.Pick(vms).Name));
                    break;
                case 8:
                    var vm = random.Pick(vms).Name;
                    actions.Add(new DstAction(at, DstFault.PowerOff, vm));
                    actions.Add(new DstAction(undo, DstFault.PowerOn, vm));
                    break;
                default:
                    // Two faults at once on the same host: the full isolation case.
                    Episode(DstFault.PartitionManagement, DstFault.HealManagement, host);
                    Episode(DstFault.LoseStorage, DstFault.RestoreStorage, host);
                    break;
            }
        }

        return [.. actions.OrderBy(a => a.At)];
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {Seed}: {Options.Hosts.Count} hosts, {Vms.Count} VMs, faults for {FaultPeriod.TotalMinutes:0} min, heartbeat jitter {Options.HeartbeatJitter.TotalMilliseconds:0} ms");
        foreach (var host in Options.Hosts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {host.HostId}: {host.Hardware.UsableVcpus} vCPU, {host.Hardware.UsableMemoryMb} MB usable");
        }

        foreach (var vm in Vms)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {vm.Name}: {vm.Vcpus} vCPU, {vm.MemoryMb} MB on {vm.Disks![0].Datastore}, ha={(vm.HaEnabled ? "on" : "off")}, {vm.RestartPriority}");
        }

        foreach (var action in Actions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {action}");
        }

        return text.ToString();
    }
}

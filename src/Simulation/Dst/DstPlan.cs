using System.Globalization;
using Cluster.Messages;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Dst;

/// <summary>
/// One scheduled line of the scenario command language (<see cref="Scenarios.CommandFile"/>): <paramref name="Verb"/>,
/// its target and any settings, at a virtual time after every VM was started.
/// </summary>
public sealed record DstAction(TimeSpan At, string Verb, string Target, string Settings = "")
{
    public string Command => Settings.Length == 0 ? $"{Verb} {Target}" : $"{Verb} {Target} {Settings}";

    public override string ToString() => $"{Durations.Clock(At)} {Command}";
}

/// <summary>
/// A randomized run, all drawn from one seed: a small cluster (3–6 hosts, 2 controllers, 5–20 VMs with
/// random sizes, priorities and HA flags, together needing at most half the memory) and a fault schedule
/// over 10–20 simulated minutes, written as scenario commands (<see cref="DstScenario"/> renders the whole run), with
/// live migrations mixed in and faults aimed at them (<see cref="DstMigrations"/>).
/// Every fault is undone within the schedule, and everything is healed at its end.
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
        var faults = Schedule(random, hosts, vms, period);

        // Migrations draw from a stream of their own, so adding them left every seed's cluster and faults as they were.
        var migrations = DstMigrations.Schedule(new DstRandom(~seed), hosts, vms, period);
        var diskMoves = DstMigrations.DiskMoves(new DstRandom(seed ^ 0x5EED), hosts, vms, period);
        return new DstPlan(seed, options, vms, period, DstMigrations.NameCancelledMigrations([.. faults.Concat(migrations).Concat(diskMoves).OrderBy(a => a.At)]));
    }

    private static IEnumerable<DstAction> Schedule(DstRandom random, List<SimulatedHostSpec> hosts, List<CreateVmRequest> vms, TimeSpan period)
    {
        var actions = new List<DstAction>();
        var episodes = random.Between(8, 24);
        for (var i = 0; i < episodes; i++)
        {
            var at = random.Seconds(40, (int)period.TotalSeconds - 20);
            var host = random.Pick(hosts).HostId.Value;
            var undo = at + random.Seconds(5, 200);
            undo = undo < period ? undo : period;
            Fault(random, actions, random.Below(10), at, undo, host, vms);
        }

        return actions;
    }

    /// <summary>
    /// Adds fault <paramref name="kind"/> (0–9: a host crash, a management cut, a storage loss, a lossy link, a controller
    /// crash, a datastore failure, a guest crash, an operator power-off, full isolation) at <paramref name="at"/>, undone at
    /// <paramref name="undo"/>, drawing what it needs after the kind.
    /// </summary>
    internal static void Fault(DstRandom random, List<DstAction> actions, int kind, TimeSpan at, TimeSpan undo, string host, IReadOnlyList<CreateVmRequest> vms)
    {
        void Episode(string verb, string undoVerb, string target, string settings = "")
        {
            actions.Add(new DstAction(at, verb, target, settings));
            actions.Add(new DstAction(undo, undoVerb, target));
        }

        switch (kind)
        {
            case 0 or 1:
                Episode("crash", "restart", host);
                break;
            case 2:
                Episode("partition-management", "heal-management", host);
                break;
            case 3:
                Episode("lose-storage", "restore-storage", host);
                break;
            case 4:
                // The order of the draws is what a seed means: reordering them would change every seed's faults.
                var drop = random.Fraction(0.6);
                var duplicate = random.Fraction(0.3);
                var maxDelayMs = random.Pick([0, 200, 1000, 3000]);
                Episode("management-faults", "management-faults", host, FormattableString.Invariant($"drop={Exact(drop)} dup={Exact(duplicate)} delay=0ms-{maxDelayMs}ms"));
                break;
            case 5:
                // Which controller "active" crashes is known only then, so the undo restarts whichever are down.
                actions.Add(new DstAction(at, "crash-controller", random.Pick(["active", "ctrl-1", "ctrl-2"])));
                actions.Add(new DstAction(undo, "restart-controller", RestartControllerCommand.AllDown));
                break;
            case 6:
                Episode("datastore-down", "datastore-up", random.Pick(DatastoreNames));
                break;
            case 7:
                actions.Add(new DstAction(at, "crash-guest", random.Pick(vms).Name));
                break;
            case 8:
                var vm = random.Pick(vms).Name;
                actions.Add(new DstAction(at, "vm stop", vm, "--force"));
                actions.Add(new DstAction(undo, "vm start", vm));
                break;
            default:
                // Two faults at once on the same host: the full isolation case.
                Episode("partition-management", "heal-management", host);
                Episode("lose-storage", "restore-storage", host);
                break;
        }
    }

    /// <summary>The shortest text that reads back as the very same double, so a written plan replays bit for bit.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

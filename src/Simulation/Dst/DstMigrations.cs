using Cluster.Messages;

namespace Cluster.Simulation.Dst;

/// <summary>
/// The live migrations of a randomized run: operators' <c>vm migrate</c> (to a host the VRM picks, or a named one, which may
/// be the VM's own, a failed or a full host), guests dirtying memory at rates that converge and rates that never do,
/// operators cancelling, and half of the migrations met by a fault a few seconds after they start, while they prepare,
/// transfer or switch over: a host crash, a management or storage cut, a lossy link, a controller crash, a datastore
/// failure, a cut between two hosts, the guest crashing or an operator powering the VM off; and in some runs a host put
/// into maintenance mode and taken out again. Every fault is undone.
/// </summary>
public static class DstMigrations
{
    /// <summary>Stands for "the migration admitted last" in a cancel until the schedule is in time order.</summary>
    public const string LatestMigration = "latest";

    /// <summary>MiB/s a guest dirties: nearly idle, busy, very busy, more than the link carries, far more than any throttle can tame.</summary>
    private static readonly long[] DirtyRates = [1, 300, 1_000, 5_000, 200_000];

    public static IEnumerable<DstAction> Schedule(DstRandom random, IReadOnlyList<SimulatedHostSpec> hosts, IReadOnlyList<CreateVmRequest> vms, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(vms);
        var actions = new List<DstAction>();
        var episodes = random.Between(3, 10);
        for (var i = 0; i < episodes; i++)
        {
            var at = random.Seconds(30, (int)period.TotalSeconds - 40);
            var vm = random.Pick(vms).Name;
            if (random.Percent(40))
            {
                actions.Add(new DstAction(at, "guest-dirty-rate", vm, FormattableString.Invariant($"{random.Pick(DirtyRates)}")));
            }

            actions.Add(new DstAction(at, "vm migrate", vm, random.Percent(50) ? $"--host {random.Pick(hosts).HostId}" : ""));
            if (random.Percent(25))
            {
                actions.Add(new DstAction(at + random.Seconds(0, 30), "migration cancel", LatestMigration));
            }

            if (random.Percent(50))
            {
                Interrupt(random, actions, at + random.Seconds(0, 12), hosts, vm, period);
            }
        }

        // Drawn after the migrations, so that a seed's migrations stay what they were before maintenance joined the runs.
        if (random.Percent(40))
        {
            Maintenance(random, actions, hosts, period);
        }

        return actions;
    }

    /// <summary>
    /// Moves of disks, drawn from a stream of their own so that a seed's live migrations, faults and maintenance stay
    /// what they were: a running VM's disks to the other datastore (storage), or with the VM to a named host
    /// (shared-nothing), or a VM stopped, its disks moved (cold) and started again; half of them met by a fault.
    /// </summary>
    public static IEnumerable<DstAction> DiskMoves(DstRandom random, IReadOnlyList<SimulatedHostSpec> hosts, IReadOnlyList<CreateVmRequest> vms, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(vms);
        var actions = new List<DstAction>();
        var moves = random.Between(1, 4);
        for (var i = 0; i < moves; i++)
        {
            var at = random.Seconds(30, (int)period.TotalSeconds - 60);
            var vm = random.Pick(vms);
            var datastore = DstPlan.DatastoreNames.First(d => d != vm.Disks![0].Datastore.Value);
            switch (random.Below(3))
            {
                case 0:
                    actions.Add(new DstAction(at, "vm migrate", vm.Name, $"--datastore {datastore}"));
                    break;
                case 1:
                    actions.Add(new DstAction(at, "vm migrate", vm.Name, $"--host {random.Pick(hosts).HostId} --datastore {datastore}"));
                    break;
                default:
                    actions.Add(new DstAction(at, "vm stop", vm.Name, "--force"));
                    actions.Add(new DstAction(at + TimeSpan.FromSeconds(5), "vm migrate", vm.Name, $"--datastore {datastore}"));
                    actions.Add(new DstAction(at + random.Seconds(10, 50), "vm start", vm.Name));
                    break;
            }

            if (random.Percent(50))
            {
                Interrupt(random, actions, at + random.Seconds(0, 12), hosts, vm.Name, period);
            }
        }

        return actions;
    }

    /// <summary>
    /// An operator empties a host for maintenance while everything else goes on, and takes it out again a while later
    /// (before the final heal): its evacuation's moves go through the same queue and meet the same faults.
    /// </summary>
    private static void Maintenance(DstRandom random, List<DstAction> actions, IReadOnlyList<SimulatedHostSpec> hosts, TimeSpan period)
    {
        var host = random.Pick(hosts).HostId.Value;
        var enter = random.Seconds(30, (int)period.TotalSeconds - 60);
        var exit = enter + random.Seconds(20, 180);
        var latest = period - TimeSpan.FromSeconds(1);
        actions.Add(new DstAction(enter, "host maintenance enter", host));
        actions.Add(new DstAction(exit < latest ? exit : latest, "host maintenance exit", host));
    }

    /// <summary>Gives each cancel the id of the migration admitted last before it, were every migrate before it admitted (ids count up from mig-0001).</summary>
    public static List<DstAction> NameCancelledMigrations(List<DstAction> inTimeOrder)
    {
        ArgumentNullException.ThrowIfNull(inTimeOrder);
        var migrates = 0;
        for (var i = 0; i < inTimeOrder.Count; i++)
        {
            var action = inTimeOrder[i];
            if (action.Verb == "vm migrate")
            {
                migrates++;
            }
            else if (action.Target == LatestMigration)
            {
                inTimeOrder[i] = action with { Target = MigrationId.From($"mig-{Math.Max(1, migrates):D4}").Value };
            }
        }

        return inTimeOrder;
    }

    /// <summary>Faults that hit hosts and controllers, as the schedule draws them.</summary>
    private static readonly int[] HostAndControllerFaults = [0, 2, 3, 4, 5, 6, 9];

    private static void Interrupt(DstRandom random, List<DstAction> actions, TimeSpan at, IReadOnlyList<SimulatedHostSpec> hosts, string vm, TimeSpan period)
    {
        var host = random.Pick(hosts).HostId.Value;
        var undo = at + random.Seconds(5, 120);
        undo = undo < period ? undo : period;
        switch (random.Below(10))
        {
            case 0:
                var other = random.Pick(hosts).HostId.Value;
                if (other != host)
                {
                    actions.Add(new DstAction(at, "partition-hosts", host, other));
                    actions.Add(new DstAction(undo, "heal-hosts", host, other));
                }

                break;
            case 1:
                actions.Add(new DstAction(at, "crash-guest", vm));
                break;
            case 2:
                actions.Add(new DstAction(at, "vm stop", vm, "--force"));
                actions.Add(new DstAction(undo, "vm start", vm));
                break;
            default:
                DstPlan.Fault(random, actions, random.Pick(HostAndControllerFaults), at, undo, host, []);
                break;
        }
    }
}

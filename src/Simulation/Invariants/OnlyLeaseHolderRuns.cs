using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// Every running instance holds its VM's storage write-lease: the datastore names its host and incarnation, and the lease
/// is neither released nor expired. Together with <see cref="NoVmRunsTwice"/> this is the one-writer property: a VM runs
/// at most once, and only where it may write its disks, migrations included (the source pauses before it lets go of the
/// lease, the target takes it before it resumes).
/// </summary>
public sealed class OnlyLeaseHolderRuns : IInvariant
{
    public string Name => "only-lease-holder-runs";

    public InvariantScope Scope => InvariantScope.EveryStep;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EveryRunnerHoldsItsLease(context.Cluster) ? null : Describe(context);
    }

    /// <summary>Looks without listing anything, so that a check that holds allocates nothing.</summary>
    private static bool EveryRunnerHoldsItsLease(SimulatedCluster cluster)
    {
        foreach (var (host, runtime) in cluster.HostRuntimes)
        {
            if (!cluster.World.IsUp(host.Value))
            {
                continue;
            }

            var reports = runtime.Hypervisor.Report();
            for (var i = 0; i < reports.Count; i++)
            {
                if (reports[i].PowerState == VmPowerState.Running && Problem(cluster, host, reports[i]) is not null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string? Problem(SimulatedCluster cluster, HostId host, VmRuntimeReport running)
    {
        if (cluster.Hypervisor(host).LeaseDatastoreOf(running.VmId) is not { } datastore)
        {
            return "its datastore is unknown";
        }

        var lease = cluster.StorageLeases.Peek(datastore.Value, running.VmId.Value);
        if (lease is null)
        {
            return "no lease exists";
        }

        if (!lease.IsHeldBy(host.Value, running.Incarnation))
        {
            return $"the lease is held by {lease.HolderHostId} #{lease.Incarnation}";
        }

        return lease.IsFreshAt(cluster.World.Clock.Now) ? null : lease.Released ? "its lease was released" : "its lease expired";
    }

    private static string? Describe(InvariantContext context)
    {
        var cluster = context.Cluster;
        var problems = new List<string>();
        foreach (var (host, runtime) in cluster.HostRuntimes.Where(h => cluster.World.IsUp(h.Key.Value)).OrderBy(h => h.Key))
        {
            foreach (var running in runtime.Hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running))
            {
                if (Problem(cluster, host, running) is { } problem)
                {
                    problems.Add($"{context.VmName(running.VmId)} runs on {host} #{running.Incarnation} but {problem}");
                }
            }
        }

        return Problems.Describe(problems);
    }
}

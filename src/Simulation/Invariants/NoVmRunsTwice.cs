using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// The split-brain invariant: no VM runs on two hosts (that are up) at once, by what their hypervisors report. A
/// migration's paused instances (the target's incoming one before it resumes, the source's after it paused) run nothing
/// and are reported Stopped, so a source paused beside a running target counts once.
/// </summary>
public sealed class NoVmRunsTwice : IInvariant
{
    private readonly HashSet<VmId> _seenRunning = [];

    public string Name => "no-vm-runs-twice";

    public InvariantScope Scope => InvariantScope.EveryStep;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AnyVmRunsTwice(context.Cluster) ? Describe(context) : null;
    }

    /// <summary>Nearly always nothing runs twice: this looks without listing anything, and only a hit is worth the list.</summary>
    private bool AnyVmRunsTwice(SimulatedCluster cluster)
    {
        _seenRunning.Clear();
        foreach (var (host, runtime) in cluster.HostRuntimes)
        {
            if (!cluster.World.IsUp(host.Value))
            {
                continue;
            }

            var reports = runtime.Hypervisor.Report();
            for (var i = 0; i < reports.Count; i++)
            {
                if (reports[i].PowerState == VmPowerState.Running && !_seenRunning.Add(reports[i].VmId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Describe(InvariantContext context) =>
        Problems.Describe(context.Cluster.RunningInstances()
            .GroupBy(i => i.Vm)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .Select(g => $"{context.VmName(g.Key)} runs twice: {string.Join(", ", g.Select(i => $"{i.Host} #{i.Incarnation}"))}"));
}

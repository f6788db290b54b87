using Cluster.Messages;

namespace Cluster.Simulation;

/// <summary>The cheap half of the split-brain check, which runs after every simulated second of every scenario and seed.</summary>
public sealed partial class SimulatedCluster
{
    private readonly HashSet<VmId> _seenRunning = [];

    /// <summary>
    /// Whether some VM runs on two up hosts at once, by the same reading of the hypervisors as <see cref="RunningInstances"/>,
    /// without building the list: nearly always nothing does, and only then is the list worth its allocations.
    /// </summary>
    internal bool AnyVmRunsTwice()
    {
        _seenRunning.Clear();
        foreach (var (host, runtime) in _hosts)
        {
            if (!World.IsUp(host.Value))
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
}

using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Drs.Model;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Evacuation;

/// <summary>
/// Plans emptying a host for maintenance mode: every VM holding resources there goes to another
/// available host, keeping every must rule and constraint; should rules bend only where no complying
/// host has room, and each bend is reported. Pure.
/// </summary>
public static class EvacuationPlanner
{
    public static EvacuationPlan Evacuate(DrsInput input, HostId host, DrsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        var model = new ClusterModel(input, settings);
        var h = model.IndexOf(host);
        if (h < 0)
        {
            return new EvacuationPlan(host, [], [], []); // a host the cluster does not know runs nothing
        }

        var automatic = settings.AutomationLevel == DrsAutomationLevel.FullyAutomated;
        return HostEmptier.Empty(model, h, MigrationReason.Evacuation, automatic, allowBends: true);
    }
}

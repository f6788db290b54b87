using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>What an invariant may look at: the cluster, the commands the VRM acknowledged so far, and whether the run is over.</summary>
public sealed class InvariantContext(SimulatedCluster cluster, IReadOnlyList<AcknowledgedCommand> acknowledged)
{
    private Inventory? _inventory;

    public SimulatedCluster Cluster => cluster;

    /// <summary>In the order their answers were read; the list only grows.</summary>
    public IReadOnlyList<AcknowledgedCommand> Acknowledged => acknowledged;

    /// <summary>True for the check after the run's last command.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The inventory recovered from the journal, folded once per round of checks however many invariants read it.</summary>
    public Inventory Inventory => _inventory ??= cluster.ActiveInventory();

    /// <summary>The VM's name from its creation event, else its id; only worth its cost once something is wrong.</summary>
    public string VmName(VmId vm)
    {
        foreach (var e in cluster.JournalEvents())
        {
            if (e is VmCreated created && created.VmId == vm)
            {
                return created.Spec.Name;
            }
        }

        return vm.Value;
    }

    internal void BeginRound(bool atEnd)
    {
        AtEnd = atEnd;
        _inventory = null;
    }
}

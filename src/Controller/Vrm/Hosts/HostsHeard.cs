using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// The hosts that have reported (registered or heartbeated) to this VRM since it took over. The journal says what a host
/// was; only its own word says it is there now: after a cold start or a failover a host the journal has Normal may be
/// powered off. So a host counts as a placement or HA target only once it has reported in this tenure, and HA waits
/// while a host the journal has up has neither reported nor been declared Faulty (its detection window runs from the
/// takeover). Not in the journal or the snapshot: every VRM starts with nobody heard.
/// </summary>
public sealed class HostsHeard
{
    private readonly HashSet<HostId> _heard = [];

    /// <summary>Notes the host's first word in this tenure; false if it had reported already.</summary>
    public bool Add(HostId host) => _heard.Add(host);

    public void Forget(HostId host) => _heard.Remove(host);

    public bool Contains(HostId host) => _heard.Contains(host);

    /// <summary>Whether a host the journal has up (Normal or entering maintenance) has not yet reported: HA waits for it.</summary>
    public bool AnyPending(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var host in inventory.Hosts)
        {
            if (IsPending(host.HostId, host.State))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The hosts HA waits for, in id order, for the log.</summary>
    public IReadOnlyList<HostId> Pending(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return [.. inventory.Hosts.Where(h => IsPending(h.HostId, h.State)).Select(h => h.HostId).Order()];
    }

    /// <summary>
    /// The planners' view with every host that has not reported in this tenure shown as Connecting, which no planner
    /// places on; the snapshot itself when every host has reported.
    /// </summary>
    /// <param name="snapshot">The inventory's view.</param>
    /// <param name="reservations">The reservations <paramref name="snapshot"/> was built with.</param>
    public ClusterSnapshot AsTargets(ClusterSnapshot snapshot, IEnumerable<KeyValuePair<HostId, Resources>>? reservations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Hosts.All(h => _heard.Contains(h.Id) || h.State != HostState.Normal))
        {
            return snapshot;
        }

        var hosts = snapshot.Hosts.Select(h => _heard.Contains(h.Id) || h.State != HostState.Normal ? h : h with { State = HostState.Connecting });
        return new ClusterSnapshot(hosts, snapshot.Vms, snapshot.Rules, snapshot.DatastoreCapacityGb, reservations);
    }

    private bool IsPending(HostId host, HostState state) =>
        state is HostState.Normal or HostState.EnteringMaintenance && !_heard.Contains(host);
}

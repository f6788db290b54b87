using Cluster.Controller.Alarms;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Hosts an operator manages: registrations refused for a bad id or an address another host has, removal
/// of a host without VMs that is not heartbeating, and each host's datastore health from its heartbeats.
/// </summary>
public sealed partial class VrmDecider
{
    private readonly HashSet<(HostId, string)> _refusalsLogged = [];
    private readonly Dictionary<HostId, Resources> _used = [];
    private readonly Dictionary<HostId, IReadOnlyList<DatastoreHealth>> _datastoreHealth = [];
    private readonly Dictionary<HostId, DateTimeOffset> _lastHeartbeat = [];

    /// <summary>Why this registration cannot be accepted, or null.</summary>
    private string? RegistrationProblem(HostRegister register)
    {
        if (NameRules.Problem(register.HostId.Value) is { } problem)
        {
            return $"host id '{register.HostId}' {problem}";
        }

        return _inventory.HostAt(register.Address, register.HostId) is { } other
            ? $"address {register.Address} is already registered to host {other.HostId} ({other.State}); remove that host first (host remove {other.HostId})"
            : null;
    }

    /// <summary>Tells the host why not, and logs it once per host and reason (it retries every heartbeat interval).</summary>
    private void RefuseRegistration(HostId host, string reason, Peer hostPeer)
    {
        if (_refusalsLogged.Add((host, reason)))
        {
            _log.LogWarning("registration of host {Host} refused: {Reason}", host, reason);
        }

        _step.Send(hostPeer, new HostRegistrationRefused(host, reason));
    }

    private void OnRemoveHost(RemoveHost remove)
    {
        var host = _inventory.Host(remove.HostId);
        if (host is null)
        {
            _step.Send(_from, AdminFailure.NotFound("hostId", $"host {remove.HostId}"));
            return;
        }

        _placedHere.Clear();
        _inventory.CollectVmsOn(host.HostId, _placedHere);
        if (_placedHere.Count > 0)
        {
            _step.Send(_from, AdminFailure.Conflict("hostId", $"host {host.HostId} still has VMs placed on it: {string.Join(", ", _placedHere.Select(v => $"{v.VmId} ({v.Spec.Name}, {v.PowerState})"))}; stop or delete them first"));
            return;
        }

        if (host.State == HostState.Normal)
        {
            _step.Send(_from, AdminFailure.Conflict("hostId", $"host {host.HostId} is Normal and heartbeating; stop its agent first (it turns Faulty), then remove it"));
            return;
        }

        var sender = _from;
        var view = HostView(host, _inventory.ToSnapshot());
        Record(new HostRemoved(host.HostId, $"removed by an operator while {host.State}"), _ =>
        {
            _hostPeers.Remove(host.HostId);
            _detectors.Remove(host.HostId);
            _lastHeard.Remove(host.HostId);
            _used.Remove(host.HostId);
            _datastoreHealth.Remove(host.HostId);
            _lastHeartbeat.Remove(host.HostId);
            _step.Send(sender, view);
        });
    }

    /// <summary>Usage and datastore health from a heartbeat; a change of the unreachable set is an event and an alarm.</summary>
    private void TrackHostHealth(InventoryHost host, Heartbeat heartbeat)
    {
        _used[host.HostId] = new Resources(heartbeat.CpuMhzUsed, heartbeat.MemoryMbUsed);
        _lastHeartbeat[host.HostId] = _now;
        if (heartbeat.Datastores is not { } health)
        {
            return;
        }

        _datastoreHealth[host.HostId] = health;
        var unreachable = UnreachableOf(host, health);
        if (unreachable.SequenceEqual(host.UnreachableDatastores))
        {
            return;
        }

        Record(new HostDatastoreHealthChanged(host.HostId, unreachable));
        var subject = AlarmObject.Host(host.HostId);
        if (unreachable.Count == 0)
        {
            ClearAlarm(AlarmKinds.DatastoreUnreachable, subject, $"host {host.HostId} reaches all its datastores again");
            return;
        }

        var problems = string.Join("; ", health.Where(d => !d.Reachable).Select(d => $"{d.Datastore}: {d.Problem ?? "unreachable"}"));
        RaiseAlarm(new AlarmCondition(AlarmKinds.DatastoreUnreachable, AlarmSeverity.Major, subject, $"host {host.HostId} cannot reach {string.Join(", ", unreachable)} ({problems}); no VM on those is placed or restarted there"), countRepeat: true);
    }

    private static List<DatastoreId> UnreachableOf(InventoryHost host, IReadOnlyList<DatastoreHealth> health)
    {
        var unreachable = new List<DatastoreId>();
        foreach (var datastore in host.Datastores)
        {
            // A datastore the heartbeat does not mention is taken as reachable (an older agent reports none).
            if (health.Any(d => d.Datastore == datastore && !d.Reachable))
            {
                unreachable.Add(datastore);
            }
        }

        return unreachable;
    }
}

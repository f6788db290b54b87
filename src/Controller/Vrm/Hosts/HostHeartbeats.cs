using Cluster.Controller.Alarms;
using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// Host liveness: every heartbeat feeds the host's failure detector, records its usage and datastore health and is
/// reconciled against the inventory; at every detection tick a host whose detector gives up turns Faulty, and HA looks
/// at its VMs. With <see cref="HostDetectionMode.Membership"/>, a host whose node the cluster has lost (unreachable, left,
/// downed) turns Faulty after a much shorter silence. A steady-state heartbeat allocates nothing here.
/// </summary>
public sealed class HostHeartbeats(
    VrmState state,
    VrmSettings settings,
    HostSessions sessions,
    ClusterNodes nodes,
    HostRegistrations registrations,
    Reconciliation reconciliation,
    VrmAlarms alarms,
    HaRestarts ha,
    VrmMigrations migrations,
    ILogger log)
{
    private Inventory Inventory => state.Inventory;

    /// <summary>How many heartbeats of registered hosts this VRM has handled.</summary>
    public long Handled { get; private set; }

    /// <summary>A new VRM has heard nobody yet: it gives every known host a full detection window from now.</summary>
    public void GiveEveryHostAWindow(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        foreach (var host in Inventory.Hosts)
        {
            sessions.Heard(host.HostId, decision.Now);
        }
    }

    public void OnHeartbeat(Decision decision, Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(heartbeat);
        var host = Inventory.Host(heartbeat.HostId);
        if (host is null)
        {
            // Not registered, or removed: only a registration (a restarted agent) brings it back.
            registrations.Refuse(decision, heartbeat.HostId, $"host {heartbeat.HostId} is not in the inventory (removed, or never registered with this controller); restart its agent to register it");
            return;
        }

        if (sessions.Of(heartbeat.HostId)?.Peer is { } holder && !holder.Equals(decision.From) && registrations.HolderOf(host, decision.Now) == HolderStatus.Live)
        {
            // A second agent answers for this host (registered with an earlier VRM): the live one keeps the id, this one
            // is told to go; its report is not reconciled, or each would report the other's VMs missing.
            registrations.RefuseDuplicate(decision, host, "(one that heartbeats without registering)", $"host id {host.HostId} is held by the live host node at {host.Address}; a second agent heartbeating for it is refused: give it another --host-id, or stop it");
            return;
        }

        Handled++;
        var session = sessions.Heard(heartbeat.HostId, decision.Now);
        var firstWord = false;
        if (session.Peer is not { } known || !known.Equals(decision.From))
        {
            // First word from this host since this VRM took over: tell it the new epoch.
            firstWord = registrations.Acknowledge(decision, heartbeat.HostId, decision.From);
        }

        if (host.State is HostState.Faulty or HostState.Connecting)
        {
            decision.Record(new HostStateChanged(host.HostId, host.State, HostState.Normal, "heartbeats resumed"), _ =>
            {
                if (firstWord)
                {
                    ha.OnHostHeard(decision);
                }
            });
        }
        else if (firstWord)
        {
            ha.OnHostHeard(decision);
        }

        TrackHealth(decision, host, session, heartbeat);
        reconciliation.Reconcile(decision, heartbeat);
    }

    public void DetectFaultyHosts(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var now = decision.Now;
        foreach (var host in Inventory.Hosts)
        {
            // A host in Maintenance runs nothing: its silence (shut down for its maintenance) is no fault and calls no HA.
            if (host.State is not (HostState.Normal or HostState.EnteringMaintenance) || sessions.Of(host.HostId) is not { } session)
            {
                continue;
            }

            var silence = now - session.LastHeard;
            string reason;
            if (!session.Detector.IsAvailable(now))
            {
                reason = $"no heartbeat for {silence.TotalSeconds:0.#} s";
            }
            else if (NodeLost(host, silence) is { } lost)
            {
                reason = $"no heartbeat for {silence.TotalSeconds:0.#} s and its node {lost}";
            }
            else
            {
                continue;
            }

            log.LogWarning("host {Host} faulty: {Reason}", host.HostId, reason);
            decision.Record(new HostStateChanged(host.HostId, host.State, HostState.Faulty, reason), _ =>
            {
                // Its migrations decide first, so that HA sees how they ended in the same step.
                migrations.OnHostFailed(decision, host.HostId);
                ha.Evaluate(decision);
            });
            alarms.Raise(decision, new AlarmCondition(AlarmKinds.HostFaulty, AlarmSeverity.Major, AlarmObject.Host(host.HostId), $"host {host.HostId} is Faulty: {reason}"));
        }
    }

    /// <summary>
    /// In membership mode, why the cluster has lost the host's node once the host has also been silent for the shorter
    /// window (<see cref="HostDetectionOptions.MissedWhenNodeGone"/> heartbeats); null otherwise. The silence is checked
    /// first, so a host that heartbeats costs nothing here.
    /// </summary>
    private string? NodeLost(InventoryHost host, TimeSpan silence) =>
        settings.HostDetection.Mode == HostDetectionMode.Membership
        && silence >= settings.HeartbeatInterval * settings.HostDetection.MissedWhenNodeGone
            ? nodes.LostBecause(host.Address)
            : null;

    /// <summary>Usage and datastore health from a heartbeat; a change of the unreachable set is an event and an alarm.</summary>
    private void TrackHealth(Decision decision, InventoryHost host, HostSession session, Heartbeat heartbeat)
    {
        session.Used = new Resources(heartbeat.CpuMhzUsed, heartbeat.MemoryMbUsed);
        session.LastHeartbeat = decision.Now;
        if (heartbeat.Datastores is not { } health)
        {
            return;
        }

        session.DatastoreHealth = health;
        var unreachable = UnreachableOf(host, health);
        if (unreachable.SequenceEqual(host.UnreachableDatastores))
        {
            return;
        }

        decision.Record(new HostDatastoreHealthChanged(host.HostId, unreachable));
        var subject = AlarmObject.Host(host.HostId);
        if (unreachable.Count == 0)
        {
            alarms.Clear(decision, AlarmKinds.DatastoreUnreachable, subject, $"host {host.HostId} reaches all its datastores again");
            return;
        }

        var problems = string.Join("; ", health.Where(d => !d.Reachable).Select(d => $"{d.Datastore}: {d.Problem ?? "unreachable"}"));
        alarms.Raise(decision, new AlarmCondition(AlarmKinds.DatastoreUnreachable, AlarmSeverity.Major, subject, $"host {host.HostId} cannot reach {string.Join(", ", unreachable)} ({problems}); no VM on those is placed or restarted there"), countRepeat: true);
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

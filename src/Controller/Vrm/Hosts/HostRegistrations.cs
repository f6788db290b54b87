using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Views;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// Hosts joining and leaving the inventory: registrations (refused for a bad id or an address another host has, and
/// weighed by <see cref="HostClaimRule"/> when the id is known at another address), the acknowledgement that tells a
/// host this VRM's epoch, and an operator's removal of a silent host without VMs.
/// </summary>
public sealed class HostRegistrations(VrmState state, HostSessions sessions, ClusterNodes nodes, HostChannel channel, VrmAlarms alarms, HaRestarts ha, VrmViews views, ILogger log)
{
    private readonly HashSet<(HostId, string)> _refusalsLogged = [];

    private Inventory Inventory => state.Inventory;

    public void OnRegister(Decision decision, HostRegister register)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(register);
        var sender = decision.From;
        if (RegistrationProblem(register) is { } problem)
        {
            Refuse(decision, register.HostId, problem);
            return;
        }

        var known = Inventory.Host(register.HostId);
        var claim = HostClaimRule.Decide(register.HostId, known?.Address, register.Address, known is null ? HolderStatus.Gone : HolderOf(known, decision.Now));
        switch (claim.Verdict)
        {
            case HostClaimVerdict.Refuse:
                RefuseDuplicate(decision, known!, register.Address, claim.Reason!);
                return;
            case HostClaimVerdict.Wait:
                Refuse(decision, register.HostId, claim.Reason!);
                return;
            case HostClaimVerdict.Move:
                log.LogWarning("{Reason}", claim.Reason);
                alarms.Clear(decision, AlarmKinds.DuplicateHostId, AlarmObject.Host(register.HostId), claim.Reason!);
                break;
        }

        var changed = known is null
            || known.Address != register.Address
            || known.Hardware != register.Hardware
            || !known.Datastores.SequenceEqual(register.ReachableDatastores);
        var events = new List<IWireMessage>();
        if (changed)
        {
            events.Add(new HostRegistered(register.HostId, register.Address, register.Hardware, register.CpuFeatures, register.ReachableDatastores));
        }

        if ((known?.State ?? HostState.Connecting) is HostState.Connecting or HostState.Faulty)
        {
            events.Add(new HostStateChanged(register.HostId, known?.State ?? HostState.Connecting, HostState.Normal, "host registered"));
        }

        // Acknowledged in the same step as the registration: the runtime sends it only once the events are stored.
        decision.RecordAll(events, () =>
        {
            if (Acknowledge(decision, register.HostId, sender))
            {
                // HA may have been waiting for this host (or for the last host not yet heard).
                ha.OnHostHeard(decision);
            }
        });

        // A host that registers again (a restarted agent) has a fresh view: old command rejections are history.
        alarms.Clear(decision, AlarmKinds.CommandRejected, AlarmObject.Host(register.HostId), $"host {register.HostId} registered again");
    }

    /// <summary>
    /// Tells the host it is registered with this VRM's epoch; its agent at <paramref name="agent"/> gets the commands from
    /// now on. True when this is the host's first word in this tenure: a new target, once its state is applied.
    /// </summary>
    public bool Acknowledge(Decision decision, HostId host, Peer agent)
    {
        ArgumentNullException.ThrowIfNull(decision);
        sessions.Heard(host, decision.Now).Peer = agent;
        decision.Step.Send(agent, new HostRegistrationAccepted(host, channel.Epoch));
        channel.SendWaiting(decision, host);
        return state.Heard.Add(host);
    }

    /// <summary>How the node the inventory has for <paramref name="host"/> stands now: live, not yet heard, or gone.</summary>
    public HolderStatus HolderOf(InventoryHost host, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        var session = sessions.Of(host.HostId);
        return HostClaimRule.StatusOf(host.State, session?.Peer is not null, session?.Detector.IsAvailable(now) ?? false, nodes.IsMember(host.Address));
    }

    /// <summary>
    /// A second node claims the id of a live host: it is told to exit, the operator gets an alarm naming both addresses,
    /// and the live node keeps the id (its VMs are not touched).
    /// </summary>
    public void RefuseDuplicate(Decision decision, InventoryHost holder, string claimant, string reason)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(holder);
        if (_refusalsLogged.Add((holder.HostId, reason)))
        {
            log.LogError("host id {Host} claimed by a second node: {Reason}", holder.HostId, reason);
        }

        decision.Reply(new HostIdInUse(holder.HostId, holder.Address, reason));
        alarms.Raise(decision, new AlarmCondition(AlarmKinds.DuplicateHostId, AlarmSeverity.Major, AlarmObject.Host(holder.HostId), $"a second host node {claimant} claimed host id {holder.HostId}, held by the live node at {holder.Address}; it was refused"));
    }

    /// <summary>Tells the host why not, and logs it once per host and reason (it retries every heartbeat interval).</summary>
    public void Refuse(Decision decision, HostId host, string reason)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_refusalsLogged.Add((host, reason)))
        {
            log.LogWarning("registration of host {Host} refused: {Reason}", host, reason);
        }

        decision.Reply(new HostRegistrationRefused(host, reason));
    }

    public void OnRemove(Decision decision, RemoveHost remove)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(remove);
        var host = Inventory.Host(remove.HostId);
        if (host is null)
        {
            decision.Reply(AdminFailure.NotFound("hostId", $"host {remove.HostId}"));
            return;
        }

        var placed = new List<InventoryVm>();
        Inventory.CollectVmsOn(host.HostId, placed);
        if (placed.Count > 0)
        {
            decision.Reply(AdminFailure.Conflict("hostId", $"host {host.HostId} still has VMs placed on it: {string.Join(", ", placed.Select(v => $"{v.VmId} ({v.Spec.Name}, {v.PowerState})"))}; stop or delete them first"));
            return;
        }

        if (host.State == HostState.Normal)
        {
            decision.Reply(AdminFailure.Conflict("hostId", $"host {host.HostId} is Normal and heartbeating; stop its agent first (it turns Faulty), then remove it"));
            return;
        }

        var sender = decision.From;
        var view = views.Host(host, Inventory.ToSnapshot());
        decision.Record(new HostRemoved(host.HostId, $"removed by an operator while {host.State}"), _ =>
        {
            sessions.Forget(host.HostId);
            state.Heard.Forget(host.HostId);
            decision.Step.Send(sender, view);
        });
    }

    /// <summary>Why this registration cannot be accepted, or null.</summary>
    private string? RegistrationProblem(HostRegister register)
    {
        if (NameRules.Problem(register.HostId.Value) is { } problem)
        {
            return $"host id '{register.HostId}' {problem}";
        }

        return Inventory.HostAt(register.Address, register.HostId) is { } other
            ? $"address {register.Address} is already registered to host {other.HostId} ({other.State}); remove that host first (host remove {other.HostId})"
            : null;
    }
}

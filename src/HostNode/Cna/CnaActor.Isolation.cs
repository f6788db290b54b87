using Cluster.Actors;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Host isolation: the CNA watches every controller (remote DeathWatch). When all of them are unreachable
/// it pings its isolation address; if that is silent too, the host is isolated and applies its
/// configured response to each running VM. Controllers are watched again every beat, so the host
/// notices when they come back.
/// </summary>
public sealed partial class CnaActor
{
    private readonly HashSet<ActorRef> _unreachableControllers = [];
    private readonly Dictionary<ActorRef, DateTimeOffset> _rewatchedAt = [];
    private bool _isolated;
    private bool _pinging;

    private void WatchControllers()
    {
        // Leaving VMs running needs no detection: the storage leases already make that safe.
        if (_settings.IsolationResponse == IsolationResponse.LeaveRunning)
        {
            return;
        }

        foreach (var controller in _controllers)
        {
            Context.Watch(controller);
        }
    }

    private bool HandleIsolation(object message)
    {
        switch (message)
        {
            case Terminated terminated when _controllers.Contains(terminated.Actor):
                _unreachableControllers.Add(terminated.Actor);
                _rewatchedAt.Remove(terminated.Actor);
                if (_unreachableControllers.Count == _controllers.Count)
                {
                    CheckIsolationAddress();
                }

                return true;
            case Pong:
                _pinging = false;
                _isolated = false;
                return true;
            case PingTimedOut:
                _pinging = false;
                BecomeIsolated();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Any word from a controller means it is reachable again.</summary>
    private void ControllerHeard(ActorRef controller)
    {
        if (_unreachableControllers.Remove(controller) && !_rewatchedAt.Remove(controller))
        {
            Context.Watch(controller);
        }

        _isolated = false;
    }

    /// <summary>
    /// Each beat, unreachable controllers are watched again. One that then stays quiet for a whole
    /// DeathWatch window (no new Terminated) is reachable again, and isolation ends.
    /// </summary>
    private void RewatchUnreachableControllers()
    {
        if (_unreachableControllers.Count == 0)
        {
            return;
        }

        var now = Context.Time.GetUtcNow();
        foreach (var controller in _unreachableControllers.ToList())
        {
            if (!_rewatchedAt.TryGetValue(controller, out var since))
            {
                _rewatchedAt[controller] = now;
                Context.Watch(controller);
            }
            else if (now - since > _settings.ControllerReachableAfter)
            {
                _rewatchedAt.Remove(controller);
                _unreachableControllers.Remove(controller);
                _isolated = false;
            }
        }
    }

    private void CheckIsolationAddress()
    {
        if (_pinging || _isolated)
        {
            return;
        }

        if (_settings.IsolationAddress is not { } address)
        {
            BecomeIsolated();
            return;
        }

        _pinging = true;
        Context.System.Ask(Context.System.ResolvePath(address), new Ping(), _settings.IsolationPingTimeout)
            .PipeTo(Self, _ => new Pong(), _ => PingTimedOut.Instance);
    }

    private void BecomeIsolated()
    {
        if (_isolated)
        {
            return;
        }

        _isolated = true;
        Log.LogIsolated(_settings.HostId, _settings.IsolationResponse);
        if (_settings.IsolationResponse == IsolationResponse.LeaveRunning)
        {
            return;
        }

        var graceful = _settings.IsolationResponse == IsolationResponse.Shutdown;
        foreach (var vm in _hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).Select(r => r.VmId).ToList())
        {
            // Releasing the lease right away lets HA restart the VM elsewhere without waiting for expiry.
            Release(vm, _hypervisor.Stop(vm, graceful));
        }
    }

    private sealed record PingTimedOut
    {
        public static readonly PingTimedOut Instance = new();
    }
}

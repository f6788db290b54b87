using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Host isolation: the runtime watches every controller (<see cref="WatchController"/>). When all of them are
/// unreachable the CNA pings its isolation address; if that is silent too, the host is isolated and applies its
/// configured response to each running VM. Unreachable controllers are watched again every beat, so the host
/// notices when they come back.
/// </summary>
public sealed partial class CnaDecider
{
    private readonly HashSet<Peer> _unreachableControllers = [];
    private readonly Dictionary<Peer, DateTimeOffset> _rewatchedAt = [];
    private bool _isolated;
    private bool _pinging;

    /// <summary>True once no controller and not the isolation address could be reached, until a controller is heard.</summary>
    public bool Isolated => _isolated;

    private void WatchControllers()
    {
        // Leaving VMs running needs no detection: the storage leases already make that safe.
        if (_settings.IsolationResponse == IsolationResponse.LeaveRunning)
        {
            return;
        }

        foreach (var controller in _peers.Controllers)
        {
            _step.Run(new WatchController(controller));
        }
    }

    private void OnControllerUnreachable(ControllerUnreachable unreachable)
    {
        // A peer that is not one of this host's controllers has no say in its isolation.
        if (!_peers.Controllers.Contains(unreachable.Controller))
        {
            return;
        }

        _unreachableControllers.Add(unreachable.Controller);
        _rewatchedAt.Remove(unreachable.Controller);
        if (_unreachableControllers.Count == _peers.Controllers.Count)
        {
            CheckIsolationAddress();
        }
    }

    private void OnIsolationAddressPinged(IsolationAddressPinged pinged)
    {
        _pinging = false;
        if (pinged.Answered)
        {
            _isolated = false;
        }
        else
        {
            BecomeIsolated();
        }
    }

    /// <summary>Any word from a controller means it is reachable again.</summary>
    private void ControllerHeard(Peer controller)
    {
        if (_unreachableControllers.Remove(controller) && !_rewatchedAt.Remove(controller))
        {
            _step.Run(new WatchController(controller));
        }

        _isolated = false;
    }

    /// <summary>
    /// Each beat, unreachable controllers are watched again. One that then stays quiet for a whole
    /// failure-detection window (no new report) is reachable again, and isolation ends.
    /// </summary>
    private void RewatchUnreachableControllers(DateTimeOffset now)
    {
        foreach (var controller in _unreachableControllers.ToList())
        {
            if (!_rewatchedAt.TryGetValue(controller, out var since))
            {
                _rewatchedAt[controller] = now;
                _step.Run(new WatchController(controller));
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

        if (_peers.IsolationAddress.IsNone)
        {
            BecomeIsolated();
            return;
        }

        _pinging = true;
        _step.Run(new PingIsolationAddress(_peers.IsolationAddress, _settings.IsolationPingTimeout));
    }

    private void BecomeIsolated()
    {
        if (_isolated)
        {
            return;
        }

        _isolated = true;
        _log.LogIsolated(_settings.HostId, _settings.IsolationResponse);
        if (_settings.IsolationResponse == IsolationResponse.LeaveRunning)
        {
            return;
        }

        var graceful = _settings.IsolationResponse == IsolationResponse.Shutdown;
        foreach (var vm in _hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).Select(r => r.VmId).ToList())
        {
            _step.Run(new PerformHypervisorOperation(new StopGuest(vm, graceful), IsolationStop.Instance));
        }
    }
}

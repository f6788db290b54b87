using Cluster.Controller.Alarms;
using Cluster.Controller.FailureDetection;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>Host registration, heartbeats, failure detection and reconciliation with what hosts report.</summary>
public sealed partial class VrmDecider
{
    private readonly Dictionary<HostId, DateTimeOffset> _lastHeard = [];
    private readonly Dictionary<HostId, IFailureDetector> _detectors = [];
    private readonly Dictionary<HostId, Peer> _hostPeers = [];
    private readonly Dictionary<(VmId, long), DateTimeOffset> _startUnreported = [];

    // Scratch space reused by every heartbeat, so that a steady-state heartbeat allocates nothing here.
    private readonly HashSet<VmId> _reported = [];
    private readonly HashSet<VmId> _unexpectedNow = [];
    private readonly List<InventoryVm> _placedHere = [];
    private long _heartbeatsHandled;

    private void OnHostRegister(HostRegister register)
    {
        var sender = _from;
        if (RegistrationProblem(register) is { } problem)
        {
            RefuseRegistration(register.HostId, problem, sender);
            return;
        }

        var known = _inventory.Host(register.HostId);
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
        RecordAll(events, () => Acknowledge(register.HostId, sender));

        // A host that registers again (a restarted agent) has a fresh view: old command rejections are history.
        ClearAlarm(AlarmKinds.CommandRejected, AlarmObject.Host(register.HostId), $"host {register.HostId} registered again");
    }

    private void Acknowledge(HostId host, Peer hostPeer)
    {
        _hostPeers[host] = hostPeer;
        Heard(host);
        _step.Send(hostPeer, new HostRegistrationAccepted(host, Epoch));
    }

    private void OnHeartbeat(Heartbeat heartbeat)
    {
        var host = _inventory.Host(heartbeat.HostId);
        if (host is null)
        {
            // Not registered, or removed: only a registration (a restarted agent) brings it back.
            RefuseRegistration(heartbeat.HostId, $"host {heartbeat.HostId} is not in the inventory (removed, or never registered with this controller); restart its agent to register it", _from);
            return;
        }

        _heartbeatsHandled++;
        Heard(heartbeat.HostId);
        if (!_hostPeers.TryGetValue(heartbeat.HostId, out var known) || !known.Equals(_from))
        {
            // First word from this host since this VRM took over: tell it the new epoch.
            Acknowledge(heartbeat.HostId, _from);
        }

        if (host.State is HostState.Faulty or HostState.Connecting)
        {
            Record(new HostStateChanged(host.HostId, host.State, HostState.Normal, "heartbeats resumed"));
        }

        TrackHostHealth(host, heartbeat);
        Reconcile(heartbeat);
    }

    private void DetectFaultyHosts()
    {
        var now = _now;
        foreach (var host in _inventory.Hosts)
        {
            if (host.State != HostState.Normal || !_detectors.TryGetValue(host.HostId, out var detector))
            {
                continue;
            }

            if (!detector.IsAvailable(now))
            {
                var silence = now - _lastHeard[host.HostId];
                _log.LogWarning("host {Host} silent for {Silence}: faulty", host.HostId, silence);
                var reason = $"no heartbeat for {silence.TotalSeconds:0.#} s";
                Record(new HostStateChanged(host.HostId, HostState.Normal, HostState.Faulty, reason), _ => EvaluateHa());
                RaiseAlarm(new AlarmCondition(AlarmKinds.HostFaulty, AlarmSeverity.Major, AlarmObject.Host(host.HostId), $"host {host.HostId} is Faulty: {reason}"));
            }
        }
    }

    /// <summary>The VRM is the source of truth: it adopts power-state changes of VMs it placed there and flags the rest.</summary>
    private void Reconcile(Heartbeat heartbeat)
    {
        var reported = _reported;
        reported.Clear();
        _unexpectedNow.Clear();
        for (var i = 0; i < heartbeat.Vms.Count; i++)
        {
            var report = heartbeat.Vms[i];
            var vm = _inventory.Vm(report.VmId);
            if (vm is not null && vm.Host == heartbeat.HostId && vm.Incarnation == report.Incarnation)
            {
                // Only the current incarnation counts as reported: an older, stopped definition left on
                // the host must not hide that the current one is missing.
                reported.Add(report.VmId);
                if (vm.PowerState == VmPowerState.Stopping && report.PowerState == VmPowerState.Running)
                {
                    // The stop was lost on the way: ask again rather than undo the operator's stop.
                    SendToHost(heartbeat.HostId, new StopVm(Epoch, NextCommandId(), vm.VmId, Graceful: true));
                }
                else if (vm.PowerState != report.PowerState)
                {
                    Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, report.PowerState, vm.Incarnation));
                }

                continue;
            }

            if (report.PowerState == VmPowerState.Stopped)
            {
                // A stopped definition left on the host is harmless; it is not running anywhere.
                continue;
            }

            if (vm is not null && vm.Incarnation > report.Incarnation)
            {
                // An older instance of a VM that now runs under a newer incarnation (restarted elsewhere): kill it.
                SendToHost(heartbeat.HostId, new KillStaleInstance(Epoch, NextCommandId(), report.VmId, report.Incarnation));
                continue;
            }

            _unexpectedNow.Add(report.VmId);
            RaiseAlarm(new AlarmCondition(AlarmKinds.UnexpectedVm, AlarmSeverity.Warning, AlarmObject.Vm(report.VmId), $"host {heartbeat.HostId} reports VM {report.VmId} (incarnation {report.Incarnation}) that the inventory does not place there", AlarmObject.Host(heartbeat.HostId)));
        }

        ClearUnexpectedNoLongerReported(heartbeat.HostId, _unexpectedNow);

        // Only this host's VMs, from the inventory's per-host index: a heartbeat must not scan the whole cluster.
        _placedHere.Clear();
        _inventory.CollectVmsOn(heartbeat.HostId, _placedHere);
        foreach (var vm in _placedHere)
        {
            // Placed here, yet the host does not have it: a running VM died under the host's feet
            // (a power cycle), a stopping one is simply gone.
            if (!reported.Contains(vm.VmId) && vm.PowerState is (VmPowerState.Running or VmPowerState.Stopping))
            {
                var to = vm.PowerState == VmPowerState.Running ? VmPowerState.Crashed : VmPowerState.Stopped;
                Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, to, vm.Incarnation));
            }
            else if (vm.PowerState == VmPowerState.Starting)
            {
                CheckStartArrived(vm, heartbeat.HostId, reported.Contains(vm.VmId));
            }
        }
    }

    /// <summary>
    /// A start command can be lost (a dropped message, a partition that heals before the host is declared
    /// faulty): then the host never reports the VM and it would stay Starting for ever. Past the start
    /// timeout it is marked Crashed, and HA (VM-level) or the operator starts it again.
    /// </summary>
    private void CheckStartArrived(InventoryVm vm, HostId host, bool reported)
    {
        var key = (vm.VmId, vm.Incarnation);
        if (reported)
        {
            _startUnreported.Remove(key);
            return;
        }

        var now = _now;
        if (!_startUnreported.TryGetValue(key, out var since))
        {
            _startUnreported[key] = now;
            return;
        }

        if (now - since >= _settings.StartTimeout)
        {
            _startUnreported.Remove(key);
            RecordAll(
                [
                    new VmPowerStateChanged(vm.VmId, VmPowerState.Starting, VmPowerState.Crashed, vm.Incarnation),
                    new HaRestartFailed(vm.VmId, _attempts.GetValueOrDefault(vm.VmId, 1), $"{host} has not started it within {_settings.StartTimeout.TotalSeconds:0} s (start command lost)"),
                ],
                () => { });
        }
    }

    /// <summary>Feeds the host's failure detector; a new VRM starts every known host this way, with a full window.</summary>
    private void Heard(HostId host)
    {
        var now = _now;
        _lastHeard[host] = now;
        if (!_detectors.TryGetValue(host, out var detector))
        {
            _detectors[host] = detector = _settings.FailureDetector.Create();
        }

        detector.Heartbeat(now);
    }

    private void SendToHost(HostId host, IHostCommand command)
    {
        if (_hostPeers.TryGetValue(host, out var hostPeer))
        {
            _step.Send(hostPeer, command);
        }
        else
        {
            _log.LogWarning("no connection to host {Host} for {Command}", host, command.GetType().Name);
        }
    }
}

using System.Diagnostics;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Telemetry;

/// <summary>
/// The VRM's spans (ActivitySource <c>Cluster.Controller.Vrm</c>), built by the actor from what the decider stored and
/// sent, never by the decider: an HA action from the host turning Faulty (<c>ha.host_failure</c>) with its storage-lease
/// check (<c>ha.storage_lease_check</c>) and one <c>ha.vm_restart</c> per VM until it runs again; and a span per VM
/// lifecycle command (<c>vm.start</c>, <c>vm.stop</c>) until the VM reaches the state asked for. The commands to hosts
/// carry the span's context (<see cref="ITraceCarrier"/>), so the host node's span joins the trace. Single-threaded:
/// only the actor calls it.
/// </summary>
public sealed class VrmTraces
{
    public const string SourceName = "Cluster.Controller.Vrm";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Dictionary<HostId, HostFailureSpan> _failures = [];
    private readonly Dictionary<VmId, Activity> _restarts = [];
    private readonly Dictionary<VmId, (Activity Span, VmPowerState Awaited)> _commands = [];
    private readonly Dictionary<long, VmId> _commandIds = [];
    private long _writesStarted;

    /// <summary>Opens and closes spans for one stored event.</summary>
    public void Stored(object @event)
    {
        switch (@event)
        {
            case HostStateChanged { To: HostState.Faulty } faulty:
                HostFailed(faulty);
                break;
            case HostStateChanged left when _failures.Remove(left.HostId, out var failure):
                failure.Span.SetTag("cluster.host.state", VrmMetrics.StateName(left.To)).Dispose();
                break;
            case HaRestartPlanned planned:
                RestartPlanned(planned);
                break;
            case HaRestartFailed failed when _restarts.TryGetValue(failed.VmId, out var span):
                span.AddEvent(new ActivityEvent("restart failed", tags: new() { ["attempt"] = failed.Attempt, ["reason"] = failed.Reason }));
                break;
            case HaRestartAbandoned abandoned:
                EndRestart(abandoned.VmId, ActivityStatusCode.Error, abandoned.Reason);
                break;
            case VmPowerStateChanged changed:
                PowerChanged(changed);
                break;
            case VmDeleted deleted:
                EndCommand(deleted.VmId, ActivityStatusCode.Ok, null);
                break;
        }
    }

    /// <summary>A command to a host, stamped with the context of the span it belongs to (opening a lifecycle span if none).</summary>
    public object Outgoing(object message) => message switch
    {
        StartVm start => start with { TraceParent = TraceParentOf(start.CommandId, start.VmId, "vm.start", VmPowerState.Running) },
        StopVm stop => stop with { TraceParent = TraceParentOf(stop.CommandId, stop.VmId, "vm.stop", VmPowerState.Stopped) },
        _ => message,
    };

    /// <summary>A host's refusal of a command ends that command's span as an error.</summary>
    public void Rejected(CommandRejected rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (_commandIds.Remove(rejected.CommandId, out var vm))
        {
            EndCommand(vm, ActivityStatusCode.Error, rejected.Reason);
        }
    }

    /// <summary>The span of a storage-lease read for HA, under its host's failure span; the caller disposes it when the read ends.</summary>
    public Activity? LeaseCheck(ReadStorageLeases read)
    {
        var host = read.Candidates.Count > 0 ? read.Candidates[0].Host : (HostId?)null;
        var parent = host is { } h && _failures.TryGetValue(h, out var failure) ? failure.Span.Context : default;
        var span = Source.StartActivity("ha.storage_lease_check", ActivityKind.Internal, parent);
        span?.SetTag("cluster.ha.candidates", read.Candidates.Count);
        if (host is { } id)
        {
            span?.SetTag("cluster.host.id", id.Value);
        }

        return span;
    }

    /// <summary>
    /// The lease check answered, before it is decided: once a journal write started after this one is stored (it holds
    /// the restarts the answer planned), a failure span with no restart under way is over.
    /// </summary>
    public void LeasesRead(StorageLeasesRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        foreach (var host in read.Checks.Select(c => c.Candidate.Host).Distinct())
        {
            if (_failures.TryGetValue(host, out var failure))
            {
                failure.ReadBeforeWrite = _writesStarted + 1;
            }
        }
    }

    /// <summary>A journal write starts; returns its number for <see cref="WriteStored"/>.</summary>
    public long WriteStarted() => ++_writesStarted;

    /// <summary>A write's events are all observed: ends the failure spans whose lease check it followed and that restart nothing.</summary>
    public void WriteStored(long write)
    {
        foreach (var (host, failure) in _failures.Where(f => f.Value.ReadBeforeWrite <= write).ToList())
        {
            EndFailureIfDone(host);
        }
    }

    private void HostFailed(HostStateChanged faulty)
    {
        if (_failures.Remove(faulty.HostId, out var earlier))
        {
            earlier.Span.Dispose();
        }

        var span = Source.StartActivity("ha.host_failure", ActivityKind.Internal, parentContext: default);
        if (span is null)
        {
            return;
        }

        span.SetTag("cluster.host.id", faulty.HostId.Value).SetTag("cluster.host.failure.reason", faulty.Reason);
        _failures[faulty.HostId] = new HostFailureSpan(span);
    }

    private void RestartPlanned(HaRestartPlanned planned)
    {
        if (_restarts.TryGetValue(planned.VmId, out var open))
        {
            open.AddEvent(new ActivityEvent("restart planned", tags: new() { ["attempt"] = planned.Attempt, ["cluster.host.id"] = planned.TargetHost.Value }));
            return;
        }

        var parent = _failures.TryGetValue(planned.FailedHost, out var failure) ? failure.Span.Context : default;
        var span = Source.StartActivity("ha.vm_restart", ActivityKind.Internal, parent);
        if (span is null)
        {
            return;
        }

        span.SetTag("cluster.vm.id", planned.VmId.Value)
            .SetTag("cluster.ha.failed_host", planned.FailedHost.Value)
            .SetTag("cluster.host.id", planned.TargetHost.Value)
            .SetTag("cluster.ha.attempt", planned.Attempt);
        _restarts[planned.VmId] = span;
    }

    private void PowerChanged(VmPowerStateChanged changed)
    {
        if (changed.To == VmPowerState.Running)
        {
            EndRestart(changed.VmId, ActivityStatusCode.Ok, null);
        }

        if (_commands.TryGetValue(changed.VmId, out var command) && command.Awaited == changed.To)
        {
            EndCommand(changed.VmId, ActivityStatusCode.Ok, null);
        }
    }

    private void EndRestart(VmId vm, ActivityStatusCode status, string? why)
    {
        if (!_restarts.Remove(vm, out var span))
        {
            return;
        }

        var failedHost = span.GetTagItem("cluster.ha.failed_host") as string;
        span.SetStatus(status, why);
        span.Dispose();
        if (failedHost is not null)
        {
            EndFailureIfDone(HostId.From(failedHost));
        }
    }

    private void EndFailureIfDone(HostId host)
    {
        if (_failures.TryGetValue(host, out var failure) && failure.ReadBeforeWrite <= _writesStarted
            && !_restarts.Values.Any(r => Equals(r.GetTagItem("cluster.ha.failed_host"), host.Value)))
        {
            _failures.Remove(host);
            failure.Span.Dispose();
        }
    }

    private string? TraceParentOf(long commandId, VmId vm, string lifecycleSpan, VmPowerState awaited)
    {
        if (_restarts.TryGetValue(vm, out var restart))
        {
            return restart.Id;
        }

        if (_commands.Remove(vm, out var superseded))
        {
            superseded.Span.SetStatus(ActivityStatusCode.Error, "superseded by another command").Dispose();
        }

        var span = Source.StartActivity(lifecycleSpan, ActivityKind.Producer, parentContext: default);
        if (span is null)
        {
            return null;
        }

        span.SetTag("cluster.vm.id", vm.Value);
        _commands[vm] = (span, awaited);
        _commandIds[commandId] = vm;
        return span.Id;
    }

    private void EndCommand(VmId vm, ActivityStatusCode status, string? why)
    {
        if (_commands.Remove(vm, out var command))
        {
            _commandIds.Remove(_commandIds.FirstOrDefault(c => c.Value == vm).Key);
            command.Span.SetStatus(status, why).Dispose();
        }
    }

    private sealed class HostFailureSpan(Activity span)
    {
        public Activity Span { get; } = span;

        /// <summary>The first journal write that may hold what the lease check planned; never while unread.</summary>
        public long ReadBeforeWrite { get; set; } = long.MaxValue;
    }
}

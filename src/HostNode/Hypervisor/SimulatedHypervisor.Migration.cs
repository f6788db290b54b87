using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Live migration on the pre-copy model. The source owns the transfer: each query advances the model to the time it is
/// told, fails it if the guest stopped or the target can no longer be reached, and on completion pauses the source and
/// marks the target's endpoint received, which is what lets the target resume.
/// </summary>
public sealed partial class SimulatedHypervisor
{
    private readonly Dictionary<VmId, OutgoingMigration> _outgoing = [];

    public PreparedIncoming PrepareIncoming(VmId vm, VmSpec spec, long incarnation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_vms.TryGetValue(vm, out var existing))
        {
            switch (existing.State)
            {
                case GuestState.Running:
                    return PreparedIncoming.Refused($"VM {vm} runs here as incarnation {existing.Incarnation}");
                case GuestState.MigratedOut:
                    return PreparedIncoming.Refused($"VM {vm} is here as the paused source of a migration (incarnation {existing.Incarnation})");
                case GuestState.Incoming when existing.Incarnation == incarnation:
                    return PreparedIncoming.ListeningAt(existing.Endpoint!.Uri);
            }
        }

        if (NoRoomFor(vm, spec) is { } refusal)
        {
            return PreparedIncoming.Refused(refusal);
        }

        var endpoint = _site.Network.Listen(_site.HostName, this, vm, incarnation);
        Put(new SimulatedInstance(vm, spec, incarnation, GuestState.Incoming) { Endpoint = endpoint });
        return PreparedIncoming.ListeningAt(endpoint.Uri);
    }

    public string? MigrateOut(VmId vm, long incarnation, string targetUri, MigrationParameters parameters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_vms.TryGetValue(vm, out var instance) || !instance.Is(GuestState.Running, incarnation))
        {
            return $"VM {vm} does not run here as incarnation {incarnation}";
        }

        if (_outgoing.TryGetValue(vm, out var under) && !under.Progress.IsFinished)
        {
            return under.Target.Uri == targetUri ? null : $"VM {vm} is already being sent to {under.Target.Uri}";
        }

        if (_site.Network.Find(targetUri) is not { } target || target.Vm != vm)
        {
            return $"nothing listens for VM {vm} at {targetUri}";
        }

        if (!_site.Network.Reaches(_site.HostName, target))
        {
            return $"cannot reach {targetUri}";
        }

        var model = new PreCopyParameters(instance.Spec.MemoryMb, _site.Workloads.DirtyRateOf(vm))
        {
            MaxBandwidthMibPerSecond = parameters.MaxBandwidthMiBPerSecond,
            DowntimeLimit = TimeSpan.FromMilliseconds(parameters.DowntimeLimitMs),
            AutoConverge = parameters.AutoConverge ? AutoConverge.On : AutoConverge.Off,
        };
        if (model.Problems() is [var problem, ..])
        {
            return $"cannot migrate VM {vm}: {problem}";
        }

        _outgoing[vm] = new OutgoingMigration(incarnation, target, PreCopyProgress.Start(model), now);
        return null;
    }

    public PreCopyStatus? QueryMigration(VmId vm, DateTimeOffset now)
    {
        if (!_outgoing.TryGetValue(vm, out var outgoing))
        {
            return null;
        }

        AdvanceTo(vm, outgoing, now);
        return outgoing.Progress.Query();
    }

    public string? CancelMigration(VmId vm)
    {
        if (_outgoing.TryGetValue(vm, out var outgoing))
        {
            outgoing.Progress = outgoing.Progress.Cancel();
        }

        return null;
    }

    public string? ResumeIncoming(VmId vm, long incarnation)
    {
        if (!_vms.TryGetValue(vm, out var instance) || instance.Incarnation != incarnation)
        {
            return $"no incoming VM {vm} (incarnation {incarnation}) here";
        }

        switch (instance.State)
        {
            case GuestState.Running:
                return null;
            case GuestState.Incoming when instance.Endpoint is { Received: true }:
                Become(instance, GuestState.Running);
                return null;
            case GuestState.Incoming:
                return $"the memory of VM {vm} has not all arrived";
            default:
                return $"VM {vm} (incarnation {incarnation}) is {instance.State}, not an incoming VM";
        }
    }

    public string? ResumeMigratedSource(VmId vm, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var instance) && instance.Incarnation == incarnation && instance.State is GuestState.Running or GuestState.MigratedOut)
        {
            _outgoing.Remove(vm);
            Become(instance, GuestState.Running);
            return null;
        }

        return $"no paused source of VM {vm} (incarnation {incarnation}) here";
    }

    public string? QuitMigratedSource(VmId vm, long incarnation) =>
        DestroyPaused(vm, incarnation, GuestState.MigratedOut, "only a source paused by a completed migration is quit");

    public string? DiscardIncoming(VmId vm, long incarnation) =>
        DestroyPaused(vm, incarnation, GuestState.Incoming, "it was resumed and is the VM now");

    private string? DestroyPaused(VmId vm, long incarnation, GuestState paused, string whyNotRunning)
    {
        if (!_vms.TryGetValue(vm, out var instance) || instance.Incarnation != incarnation)
        {
            return null;
        }

        if (instance.State == GuestState.Running)
        {
            return $"VM {vm} runs here as incarnation {incarnation}: {whyNotRunning}";
        }

        if (instance.State == paused)
        {
            Remove(vm);
        }

        return null;
    }

    private void AdvanceTo(VmId vm, OutgoingMigration outgoing, DateTimeOffset now)
    {
        if (outgoing.Progress.IsFinished)
        {
            return;
        }

        if (!_vms.TryGetValue(vm, out var source) || !source.Is(GuestState.Running, outgoing.Incarnation))
        {
            outgoing.Progress = outgoing.Progress.Fail("the guest stopped running on the source");
            return;
        }

        if (!_site.Network.Reaches(_site.HostName, outgoing.Target))
        {
            outgoing.Progress = outgoing.Progress.Fail($"lost the connection to {outgoing.Target.Uri}");
            return;
        }

        if (now > outgoing.AdvancedTo)
        {
            outgoing.Progress = outgoing.Progress.Advance(now - outgoing.AdvancedTo);
            outgoing.AdvancedTo = now;
        }

        if (outgoing.Progress.Result?.Status == MigrationStatus.Completed)
        {
            outgoing.Target.Received = true;
            Become(source, GuestState.MigratedOut);
        }
    }
}

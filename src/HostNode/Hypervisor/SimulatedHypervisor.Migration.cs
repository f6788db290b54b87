using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Live migration on the pre-copy model. The source owns the transfer: each query advances the model to the time it is
/// told, fails it if the guest stopped or the connection to the target broke, and on completion pauses the source and
/// tells the target that the whole memory has arrived, which is what lets the target resume. The connection is the
/// site's <see cref="MigrationTransport"/>: in-process in the simulation, real TCP between host-node processes.
/// </summary>
public sealed partial class SimulatedHypervisor
{
    /// <summary>How long a paused source waits for the target to confirm a completed transfer before it runs on.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

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

        var endpoint = _site.Transport.Listen(_site.HostName, this, vm, incarnation);
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

        if (_outgoing.TryGetValue(vm, out var under) && under.IsUnderWay)
        {
            return under.Link.Uri == targetUri ? null : $"VM {vm} is already being sent to {under.Link.Uri}";
        }

        if (_site.Transport.Connect(_site.HostName, targetUri, vm, incarnation, out var refusal) is not { } link)
        {
            return refusal;
        }

        var model = new PreCopyParameters(instance.Spec.MemoryMb, _site.Workloads.DirtyRateOf(vm))
        {
            MaxBandwidthMibPerSecond = parameters.MaxBandwidthMiBPerSecond,
            DowntimeLimit = TimeSpan.FromMilliseconds(parameters.DowntimeLimitMs),
            AutoConverge = parameters.AutoConverge ? AutoConverge.On : AutoConverge.Off,
        };
        if (model.Problems() is [var problem, ..])
        {
            link.Close();
            return $"cannot migrate VM {vm}: {problem}";
        }

        Forget(vm);
        _outgoing[vm] = new OutgoingMigration(incarnation, link, PreCopyProgress.Start(model), now);
        return null;
    }

    public PreCopyStatus? QueryMigration(VmId vm, DateTimeOffset now)
    {
        if (!_outgoing.TryGetValue(vm, out var outgoing))
        {
            return null;
        }

        AdvanceTo(vm, outgoing, now);
        return outgoing.Status();
    }

    public string? CancelMigration(VmId vm)
    {
        if (_outgoing.TryGetValue(vm, out var outgoing) && !outgoing.Progress.IsFinished)
        {
            outgoing.Progress = outgoing.Progress.Cancel();
            outgoing.Link.Close();
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
            Forget(vm);
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
            AwaitDelivery(vm, outgoing, now);
            return;
        }

        if (!_vms.TryGetValue(vm, out var source) || !source.Is(GuestState.Running, outgoing.Incarnation))
        {
            End(outgoing, outgoing.Progress.Fail("the guest stopped running on the source"));
            return;
        }

        if (outgoing.Link.Failure is { } failure)
        {
            End(outgoing, outgoing.Progress.Fail(failure));
            return;
        }

        if (!outgoing.Link.Ready)
        {
            // Still connecting: the model's clock starts once the target has accepted the VM.
            outgoing.AdvancedTo = now;
            return;
        }

        if (now > outgoing.AdvancedTo)
        {
            outgoing.Progress = outgoing.Progress.Advance(now - outgoing.AdvancedTo);
            outgoing.AdvancedTo = now;
        }

        if (outgoing.ModelCompleted)
        {
            Become(source, GuestState.MigratedOut);
            outgoing.Link.SendCompleted();
            outgoing.CompletionSentAt = now;
        }
        else if (outgoing.Progress.IsFinished)
        {
            outgoing.Link.Close();
        }
    }

    /// <summary>
    /// After the model completed, the paused source waits for the target to confirm the memory arrived. If the link
    /// breaks or the word does not come in time, the transfer failed and the source runs on (as QEMU resumes a source
    /// whose migration fails at the end); the target, never told the memory arrived, cannot resume.
    /// </summary>
    private void AwaitDelivery(VmId vm, OutgoingMigration outgoing, DateTimeOffset now)
    {
        if (!outgoing.IsUnderWay || outgoing.CompletionSentAt is not { } sentAt)
        {
            return;
        }

        var failure = outgoing.Link.Failure
            ?? (now - sentAt > DeliveryTimeout ? $"{outgoing.Link.Uri} did not confirm the memory within {DeliveryTimeout.TotalSeconds:0} s" : null);
        if (failure is null)
        {
            return;
        }

        outgoing.DeliveryFailure = failure;
        outgoing.Link.Close();
        if (_vms.TryGetValue(vm, out var source) && source.Is(GuestState.MigratedOut, outgoing.Incarnation))
        {
            Become(source, GuestState.Running);
        }
    }

    private static void End(OutgoingMigration outgoing, PreCopyProgress ended)
    {
        outgoing.Progress = ended;
        outgoing.Link.Close();
    }

    /// <summary>Drops the record of <paramref name="vm"/>'s outgoing transfer, closing its connection.</summary>
    private void Forget(VmId vm)
    {
        if (_outgoing.Remove(vm, out var outgoing))
        {
            outgoing.Link.Close();
        }
    }
}

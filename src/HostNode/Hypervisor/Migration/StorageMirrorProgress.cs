namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// One disk mirror in virtual time, for the simulated hypervisor to advance, query, pivot or cancel. The guest's writes
/// land evenly over the disk, and a write to a block already copied makes it dirty again, so the data in sync on the
/// destination grows as dC/dt = copy − write·C/disk, that is C(t) = (copy·disk/write)(1 − e^(−write·t/disk)). The
/// mirror catches up at t = −(disk/write)·ln(1 − write/copy), or never when the guest writes at least as fast as the
/// copy runs. Immutable, and a function of elapsed time only, so stepping cannot change where it ends.
/// </summary>
public sealed record StorageMirrorProgress
{
    private StorageMirrorProgress(StorageMirrorParameters parameters)
    {
        Parameters = parameters;
        ReadyAt = CatchUpTime(parameters);
    }

    public StorageMirrorParameters Parameters { get; }

    /// <summary>Virtual time since the job started.</summary>
    public TimeSpan Elapsed { get; private init; }

    /// <summary>When the mirror catches up; null if it never does.</summary>
    public TimeSpan? ReadyAt { get; }

    public bool IsFinished => Ending is not null;

    private MirrorJobStatus? Ending { get; init; }

    private TimeSpan EndedAt { get; init; }

    private string? Error { get; init; }

    public static StorageMirrorProgress Start(StorageMirrorParameters parameters) => new(ParameterProblems.Checked(parameters));

    public StorageMirrorProgress Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        return this with { Elapsed = Elapsed + delta };
    }

    /// <summary><c>block-job-complete</c>: the guest switches to the destination's copy. Only a ready mirror can pivot.</summary>
    public StorageMirrorProgress Pivot() => Query().Status == MirrorJobStatus.Ready
        ? Stop(MirrorJobStatus.Completed, null)
        : throw new InvalidOperationException($"a mirror can pivot only when ready; it is {Query().Status}");

    /// <summary><c>block-job-cancel</c>: the source's disk stays the guest's. A finished mirror stays as it ended.</summary>
    public StorageMirrorProgress Cancel() => Stop(MirrorJobStatus.Cancelled, null);

    /// <summary>An I/O or network fault. A finished mirror stays as it ended.</summary>
    public StorageMirrorProgress Fail(string reason) => Stop(MirrorJobStatus.Failed, reason);

    public StorageMirrorStatus Query()
    {
        var at = Ending is null ? Elapsed : EndedAt;
        var ready = ReadyAt is { } readyAt && at >= readyAt;
        var copy = Parameters.CopyMibPerSecond;
        var disk = Parameters.DiskMib;
        var copied = ready
            ? (copy * ReadyAt!.Value.TotalSeconds) + (Parameters.GuestWriteMibPerSecond * (at - ReadyAt.Value).TotalSeconds)
            : copy * at.TotalSeconds;
        var remaining = ready ? 0 : disk - Math.Min(disk, InSync(at.TotalSeconds));
        return new StorageMirrorStatus(
            Ending ?? (ready ? MirrorJobStatus.Ready : MirrorJobStatus.Running),
            at,
            MigrationUnits.MibToBytes(copied),
            MigrationUnits.MibToBytes(remaining),
            MigrationUnits.MibToBytes(disk),
            ready && Ending is null or MirrorJobStatus.Completed,
            Error);
    }

    private double InSync(double seconds)
    {
        var (copy, write, disk) = (Parameters.CopyMibPerSecond, Parameters.GuestWriteMibPerSecond, Parameters.DiskMib);
        return write == 0 ? copy * seconds : copy * disk / write * -double.ExpM1(-write * seconds / disk);
    }

    private static TimeSpan? CatchUpTime(StorageMirrorParameters parameters)
    {
        var (copy, write, disk) = (parameters.CopyMibPerSecond, parameters.GuestWriteMibPerSecond, parameters.DiskMib);
        if (write >= copy)
        {
            return null;
        }

        return TimeSpan.FromSeconds(write == 0 ? disk / copy : -disk / write * double.LogP1(-write / copy));
    }

    private StorageMirrorProgress Stop(MirrorJobStatus ending, string? error) =>
        Ending is null ? this with { Ending = ending, EndedAt = Elapsed, Error = error } : this;
}

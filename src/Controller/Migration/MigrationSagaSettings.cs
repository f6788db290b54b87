using Cluster.Messages;

namespace Cluster.Controller.Migration;

/// <summary>A migration saga's timeouts and transfer parameters; defaults follow KubeVirt's and QEMU's.</summary>
public sealed record MigrationSagaSettings
{
    /// <summary>How long the target may take to define the incoming VM and listen.</summary>
    public TimeSpan PrepareTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A transfer whose remainder has not shrunk for this long is cancelled (KubeVirt's progress timeout).</summary>
    public TimeSpan ProgressTimeout { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>A transfer still running after this long per GiB of memory is cancelled (KubeVirt's completion timeout).</summary>
    public TimeSpan CompletionTimeoutPerGiB { get; init; } = TimeSpan.FromSeconds(800);

    /// <summary>How long the target may take to take the lease and resume before the saga is in doubt.</summary>
    public TimeSpan SwitchOverTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an in-doubt saga asks again until a host's report resolves it.</summary>
    public TimeSpan InDoubtRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A storage migration's disk mirror: its speed cap, so that a move does not take all of the datastores' bandwidth.</summary>
    public long MirrorSpeedMiBPerSecond { get; init; } = 200;

    /// <summary>A disk mirror not in sync after this long per GiB of disk is cancelled (five times what 200 MiB/s needs, and more).</summary>
    public TimeSpan MirrorCompletionTimeoutPerGiB { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the host may take to pivot a mirror in sync before it is asked again.</summary>
    public TimeSpan PivotTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>10 Gbit/s, QEMU's 300 ms downtime limit, auto-converge on.</summary>
    public MigrationParameters Transfer { get; init; } = new(1192, 300, AutoConverge: true);
}

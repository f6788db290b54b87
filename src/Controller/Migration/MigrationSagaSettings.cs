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

    /// <summary>10 Gbit/s, QEMU's 300 ms downtime limit, auto-converge on.</summary>
    public MigrationParameters Transfer { get; init; } = new(1192, 300, AutoConverge: true);
}

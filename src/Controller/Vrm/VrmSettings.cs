using Cluster.Controller.FailureDetection;
using Cluster.Controller.Migration;
using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.HaRestart;

namespace Cluster.Controller.Vrm;

/// <summary>The VRM's tunables. Defaults follow FusionCompute: heartbeat every 3 s, faulty after 10 missed.</summary>
public sealed record VrmSettings
{
    /// <summary>How hosts are judged: missed heartbeats (default: every 3 s, faulty after 10 missed) or phi accrual.</summary>
    public FailureDetectorOptions FailureDetector { get; init; } = new();

    /// <summary>Heartbeats alone (default), or a shorter silence once the cluster has lost the host's node.</summary>
    public HostDetectionOptions HostDetection { get; init; } = new();

    /// <summary>The interval hosts are told to heartbeat at.</summary>
    public TimeSpan HeartbeatInterval => FailureDetector.MissedHeartbeats.Interval;

    /// <summary>How often hosts' liveness is checked; detection is late by at most this much.</summary>
    public TimeSpan DetectionTick { get; init; } = TimeSpan.FromSeconds(1);

    public IAdmissionPolicy Admission { get; init; } = AdmissionControl.Disabled;

    /// <summary>
    /// Thin provisioning: the VMs' disks on a datastore may add up to its capacity times this. 1.0 (the
    /// default) provisions no more than there is; placement refuses a start that would go beyond.
    /// </summary>
    public double DatastoreOvercommit { get; init; } = 1.0;

    /// <summary>A snapshot is taken after this many events, to bound a standby's replay.</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>Retries of a restart that found no host: 5 tries with growing delays, then an alarm.</summary>
    public RestartBackoff RestartBackoff { get; init; } = RestartBackoff.Default;

    /// <summary>How often VMs left on faulty hosts (isolated, lease still held) and crashed guests are looked at again.</summary>
    public TimeSpan HaRecheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>VM-level HA: a guest that stopped (crash, blue screen) is restarted after this long.</summary>
    public TimeSpan GuestFailureTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A VM its host has not reported this long after the VRM told the host to start it is taken as not
    /// started (the command was lost): it is marked Crashed, so HA (or the operator) starts it again. The
    /// storage lease keeps a late start from running it twice.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a forced stop waits for the host's confirmation before it answers with the state then (Stopping).</summary>
    public TimeSpan StopConfirmTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A migration saga's timeouts and transfer parameters.</summary>
    public MigrationSagaSettings Migration { get; init; } = new();

    /// <summary>Migrations open at once in the cluster (KubeVirt's default is 5); more wait in the queue until one ends.</summary>
    public int MaxConcurrentMigrations { get; init; } = 5;

    /// <summary>Migrations leaving one host at once (KubeVirt's default is 2).</summary>
    public int MaxOutboundMigrationsPerHost { get; init; } = 2;

    /// <summary>Migrations one host takes part in at once, leaving and arriving together (vSphere allows 8 vMotions per host).</summary>
    public int MaxMigrationsPerHost { get; init; } = 8;

    /// <summary>Migrations of VMs with a disk on one datastore at once (vSphere's per-datastore limit is 128).</summary>
    public int MaxMigrationsPerDatastore { get; init; } = 128;

    /// <summary>How many times an evacuation asks to move one VM off a host entering maintenance before it blocks on it.</summary>
    public int MaxEvacuationAttempts { get; init; } = 3;

    public void Validate()
    {
        FailureDetector.Create();
        HostDetection.Validate();

        if (!(DatastoreOvercommit > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DatastoreOvercommit), DatastoreOvercommit, "must be positive");
        }

        foreach (var (name, limit) in new[] { (nameof(MaxConcurrentMigrations), MaxConcurrentMigrations), (nameof(MaxOutboundMigrationsPerHost), MaxOutboundMigrationsPerHost), (nameof(MaxMigrationsPerHost), MaxMigrationsPerHost), (nameof(MaxMigrationsPerDatastore), MaxMigrationsPerDatastore), (nameof(MaxEvacuationAttempts), MaxEvacuationAttempts) })
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(name, limit, "must be at least 1");
            }
        }

        if (DetectionTick <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DetectionTick), DetectionTick, "must be positive");
        }
    }
}

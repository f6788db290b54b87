using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What the CNA needs from a hypervisor: run, stop and remove VMs, and report them. The simulated one is first; a QEMU
/// backend implements the same, and every backend passes the conformance suite (HypervisorConformance in
/// tests/HostNode.Tests). A refusal is an answer (why not), never an exception, and a call repeated after it succeeded
/// succeeds again, since the VRM repeats a command whose answer it lost.
/// Live migration is shaped for QMP: the target defines the VM paused and listens (<c>migrate-incoming</c>), the source
/// sends it (<c>migrate-set-parameters</c>, <c>migrate</c>), is queried (<c>query-migrate</c>) and may be cancelled
/// (<c>migrate_cancel</c>); once the transfer completed the source is paused and the target's paused instance holds the
/// whole memory, and which one resumes is the caller's choice (it takes the storage lease first). A backend without a
/// clock of its own is told the time (<c>now</c>) when a transfer starts and when it is queried.
/// A storage migration mirrors a running guest's disks to another datastore (<c>blockdev-mirror</c>), is queried
/// (<c>query-block-jobs</c>), and is pivoted (<c>job-complete</c>) or cancelled (<c>block-job-cancel</c>); the caller
/// holds the target datastore's storage lease before it starts the mirror. A cold migration copies a stopped VM's disks
/// (<see cref="IDiskCopier"/>).
/// </summary>
public partial interface IHypervisor : IHypervisorView, IDiskCopier
{
    /// <summary>The host's hardware; VMs may use its usable share (<see cref="HostHardware.Capacity"/>).</summary>
    HostHardware Hardware { get; }

    /// <summary>
    /// Starts (defines and powers on) a VM as <paramref name="incarnation"/>; null on success, else why not. A VM already
    /// running as that incarnation is left running; as another incarnation, the start is refused. So is a start that would
    /// take the running VMs past the usable memory (memory is not over-committed), or a VM with more vCPUs than are usable.
    /// </summary>
    string? Start(VmId vm, VmSpec spec, long incarnation);

    /// <summary>Powers the VM off, cleanly or at once; it stays defined and reported as stopped. Refused for a VM not on this host.</summary>
    string? Stop(VmId vm, bool graceful);

    /// <summary>Removes a VM that does not run (refused while it runs); a VM not on this host counts as removed.</summary>
    string? Delete(VmId vm);

    /// <summary>Kills and removes the instance with that incarnation, if it is here; an instance of another incarnation is left alone.</summary>
    void KillIncarnation(VmId vm, long incarnation);

    /// <summary>Powers the VM off at once because this host may no longer write its disks; it reports as crashed.</summary>
    void Fence(VmId vm);

    /// <summary>
    /// Defines <paramref name="vm"/> paused as <paramref name="incarnation"/>, listening for its memory; the address to send
    /// it to. Asked again for the same incarnation, it answers the same address. Refused for a VM that runs here, or that
    /// would not fit (its memory is taken from now on, like a running VM's).
    /// </summary>
    PreparedIncoming PrepareIncoming(VmId vm, VmSpec spec, long incarnation);

    /// <summary>
    /// Starts sending the running instance <paramref name="incarnation"/> to <paramref name="targetUri"/>; null once it is
    /// under way (also when it already goes there), else why not: no such instance running, nobody listening there for this VM.
    /// </summary>
    string? MigrateOut(VmId vm, long incarnation, string targetUri, MigrationParameters parameters, DateTimeOffset now);

    /// <summary>
    /// The outgoing migration of <paramref name="vm"/> as of <paramref name="now"/>, null if there is none. Once it reads
    /// completed, the source instance is paused and the target holds the memory; failed or cancelled, the source runs on.
    /// </summary>
    PreCopyStatus? QueryMigration(VmId vm, DateTimeOffset now);

    /// <summary>Stops an outgoing migration still under way; the source runs on. With nothing under way it succeeds and changes nothing.</summary>
    string? CancelMigration(VmId vm);

    /// <summary>Resumes the paused incoming instance once its memory has all arrived; already running as that incarnation, it succeeds again.</summary>
    string? ResumeIncoming(VmId vm, long incarnation);

    /// <summary>Resumes a source paused by a completed migration (the target was never resumed); already running, it succeeds again.</summary>
    string? ResumeMigratedSource(VmId vm, long incarnation);

    /// <summary>Destroys a source paused by a completed migration, never resuming it; refused for an instance that runs, done when there is none.</summary>
    string? QuitMigratedSource(VmId vm, long incarnation);

    /// <summary>Destroys a paused incoming instance; refused once it was resumed, done when there is none.</summary>
    string? DiscardIncoming(VmId vm, long incarnation);

    /// <summary>
    /// Mirrors every disk of the running instance <paramref name="incarnation"/> to <paramref name="datastore"/> while the
    /// guest runs (<c>blockdev-mirror</c>, <c>sync: full</c>, <c>copy-mode: write-blocking</c> so that once in sync every
    /// write the guest sees completed is on both copies), at most <paramref name="maxSpeedMibPerSecond"/> (<c>speed</c>) when
    /// set. Null once under way (also when it already goes there), else why not: no such instance running, its disks already
    /// there, a mirror elsewhere under way.
    /// </summary>
    string? MirrorDisks(VmId vm, long incarnation, DatastoreId datastore, double? maxSpeedMibPerSecond, DateTimeOffset now);

    /// <summary>The disk mirror of <paramref name="vm"/> as of <paramref name="now"/> (<c>query-block-jobs</c>), null if there is none.</summary>
    StorageMirrorStatus? QueryDiskMirror(VmId vm, DateTimeOffset now);

    /// <summary>
    /// Switches the guest to the mirrored copy (<c>job-complete</c>): from now on it reads and writes only the target
    /// datastore. Refused unless the mirror is in sync; once pivoted, asked again it succeeds again.
    /// </summary>
    string? PivotDiskMirror(VmId vm);

    /// <summary>Stops the disk mirror (<c>block-job-cancel</c>); the guest keeps its disks. With no mirror under way it succeeds and changes nothing.</summary>
    string? CancelDiskMirror(VmId vm);
}

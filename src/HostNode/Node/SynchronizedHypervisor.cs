using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Node;

/// <summary>
/// One hypervisor shared by the CNA actor and its VM actors, which run on different threads: every call holds one
/// lock, so a heartbeat's report never sees a VM half started. The simulated backend is not thread-safe on its own.
/// </summary>
public sealed partial class SynchronizedHypervisor(IHypervisor inner) : IHypervisor
{
    private readonly Lock _gate = new();

    public HostHardware Hardware => inner.Hardware;

    public Resources Used => Locked(() => inner.Used);

    public IReadOnlyList<VmRuntimeReport> Report() => Locked(inner.Report);

    public string? Start(VmId vm, VmSpec spec, long incarnation) => Locked(() => inner.Start(vm, spec, incarnation));

    public string? Stop(VmId vm, bool graceful) => Locked(() => inner.Stop(vm, graceful));

    public string? Delete(VmId vm) => Locked(() => inner.Delete(vm));

    public string? HotReconfigure(VmId vm, long incarnation, VmSpec spec) => Locked(() => inner.HotReconfigure(vm, incarnation, spec));

    public void KillIncarnation(VmId vm, long incarnation) => Locked(() => inner.KillIncarnation(vm, incarnation));

    public void Fence(VmId vm) => Locked(() => inner.Fence(vm));

    public PreparedIncoming PrepareIncoming(VmId vm, VmSpec spec, long incarnation) => Locked(() => inner.PrepareIncoming(vm, spec, incarnation));

    public string? MigrateOut(VmId vm, long incarnation, string targetUri, MigrationParameters parameters, DateTimeOffset now) =>
        Locked(() => inner.MigrateOut(vm, incarnation, targetUri, parameters, now));

    public PreCopyStatus? QueryMigration(VmId vm, DateTimeOffset now) => Locked(() => inner.QueryMigration(vm, now));

    public string? CancelMigration(VmId vm) => Locked(() => inner.CancelMigration(vm));

    public string? ResumeIncoming(VmId vm, long incarnation) => Locked(() => inner.ResumeIncoming(vm, incarnation));

    public string? ResumeMigratedSource(VmId vm, long incarnation) => Locked(() => inner.ResumeMigratedSource(vm, incarnation));

    public string? QuitMigratedSource(VmId vm, long incarnation) => Locked(() => inner.QuitMigratedSource(vm, incarnation));

    public string? DiscardIncoming(VmId vm, long incarnation) => Locked(() => inner.DiscardIncoming(vm, incarnation));

    public string? MirrorDisks(VmId vm, long incarnation, DatastoreId datastore, double? maxSpeedMibPerSecond, DateTimeOffset now) =>
        Locked(() => inner.MirrorDisks(vm, incarnation, datastore, maxSpeedMibPerSecond, now));

    public StorageMirrorStatus? QueryDiskMirror(VmId vm, DateTimeOffset now) => Locked(() => inner.QueryDiskMirror(vm, now));

    public string? PivotDiskMirror(VmId vm) => Locked(() => inner.PivotDiskMirror(vm));

    public string? CancelDiskMirror(VmId vm) => Locked(() => inner.CancelDiskMirror(vm));

    private T Locked<T>(Func<T> call)
    {
        lock (_gate)
        {
            return call();
        }
    }

    private void Locked(Action call)
    {
        lock (_gate)
        {
            call();
        }
    }
}

using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Migration;

/// <summary>One storage migration of vm-0001 (incarnation 3, a 40 GB disk on ds-1) to ds-2, on its host h-1.</summary>
internal sealed class StorageMigrationSagaHarness : SagaHarnessBase
{
    public static readonly MigrationId Id = MigrationId.From("mig-0001");
    public static readonly VmId Vm = VmId.From("vm-0001");
    public static readonly HostId Host = HostId.From("h-1");
    public static readonly DatastoreId From = DatastoreId.From("ds-1");
    public static readonly DatastoreId To = DatastoreId.From("ds-2");
    public static readonly Peer HostPeer = MigrationHostPeer.Of(Host);
    public static readonly Peer Operator = new("operator");

    public StorageMigrationSagaHarness(MigrationPhase? recoveredIn = null)
        : base(new MigrationAdmitted(Id, Vm, Host, Host, 3, "operator", TestClock.T0, Kind: MigrationKind.Storage, Datastore: To, FromDatastore: From), new CreateVmRequest("web-1", 2, 8192, [new VmDisk(From, 40)]).ToSpec(), recoveredIn)
    {
    }

    public DecidedStep Mirror(DiskMirrorState state, long remainingMb = 0, string? error = null) =>
        Send(new DiskMirrorProgressReported(Id, state, remainingMb, 40_960, error), HostPeer);

    /// <summary>Up to the mirror in sync and the host told to pivot.</summary>
    public DecidedStep Pivoting() => Mirror(DiskMirrorState.Ready);

    public DecidedStep Pivoted() => Send(new DiskMirrorPivoted(Id, To), HostPeer);
}

using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Migration;

/// <summary>One shared-nothing migration of vm-0001 (8 GiB, incarnation 3, a 40 GB disk on ds-1) from h-1 to h-2 and onto ds-2.</summary>
internal sealed class SharedNothingSagaHarness : SagaHarnessBase
{
    public static readonly MigrationId Id = MigrationId.From("mig-0001");
    public static readonly VmId Vm = VmId.From("vm-0001");
    public static readonly HostId Source = HostId.From("h-1");
    public static readonly HostId Target = HostId.From("h-2");
    public static readonly DatastoreId From = DatastoreId.From("ds-1");
    public static readonly DatastoreId To = DatastoreId.From("ds-2");
    public static readonly Peer SourcePeer = MigrationHostPeer.Of(Source);
    public static readonly Peer TargetPeer = MigrationHostPeer.Of(Target);
    public static readonly Peer Operator = new("operator");

    public SharedNothingSagaHarness(MigrationPhase? recoveredIn = null)
        : base(new MigrationAdmitted(Id, Vm, Source, Target, 3, "operator", TestClock.T0, 4, MigrationKind.SharedNothing, To, From), new CreateVmRequest("web-1", 2, 8192, [new VmDisk(From, 40)]).ToSpec(), recoveredIn)
    {
    }

    public DecidedStep Mirror(DiskMirrorState state, long remainingMb = 0, string? error = null) =>
        Send(new DiskMirrorProgressReported(Id, state, remainingMb, 40_960, error), SourcePeer);

    /// <summary>Up to the mirror in sync and the target asked to prepare.</summary>
    public DecidedStep InSync() => Mirror(DiskMirrorState.Ready);

    /// <summary>Up to the memory transfer under way, the mirror still keeping both copies in sync.</summary>
    public DecidedStep Transferring()
    {
        InSync();
        return Send(new IncomingMigrationPrepared(Id, "tcp:10.0.0.2:49152"), TargetPeer);
    }

    /// <summary>Up to the source paused and the target told to resume.</summary>
    public DecidedStep SwitchingOver()
    {
        Transferring();
        return Send(new MigrationProgressReported(Id, MigrationTransferStatus.Completed, 2, 0, 12.5, 20, null), SourcePeer);
    }
}

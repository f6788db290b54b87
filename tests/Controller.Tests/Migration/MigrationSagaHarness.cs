using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Migration;

/// <summary>One saga moving vm-0001 (8 GiB, incarnation 3) from h-1 to h-2, driven by the shared decider harness.</summary>
internal sealed class MigrationSagaHarness : SagaHarnessBase
{
    public static readonly MigrationId Id = MigrationId.From("mig-0001");
    public static readonly VmId Vm = VmId.From("vm-0001");
    public static readonly HostId Source = HostId.From("h-1");
    public static readonly HostId Target = HostId.From("h-2");
    public static readonly Peer SourcePeer = MigrationHostPeer.Of(Source);
    public static readonly Peer TargetPeer = MigrationHostPeer.Of(Target);
    public static readonly Peer Operator = new("operator");

    public MigrationSagaHarness(MigrationPhase? recoveredIn = null)
        : base(new MigrationAdmitted(Id, Vm, Source, Target, 3, "operator", TestClock.T0), new CreateVmRequest("web-1", 2, 8192, [new VmDisk(DatastoreId.From("ds-1"), 40)]).ToSpec(), recoveredIn)
    {
    }

    public DecidedStep Prepared() => Send(new IncomingMigrationPrepared(Id, "tcp:10.0.0.2:49152"), TargetPeer);

    public DecidedStep Progress(MigrationTransferStatus status, long remainingMb = 100, string? error = null) =>
        Send(new MigrationProgressReported(Id, status, 2, remainingMb, 12.5, 20, error), SourcePeer);

    /// <summary>Up to the source paused and the target told to resume.</summary>
    public DecidedStep SwitchingOver()
    {
        Prepared();
        return Progress(MigrationTransferStatus.Completed, remainingMb: 0);
    }
}

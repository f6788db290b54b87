using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Migration;

/// <summary>One saga of a migration admitted as given, moving a VM of the given spec, started (or recovered in a phase) on the shared decider harness.</summary>
internal abstract class SagaHarnessBase
{
    public const long Epoch = 7;

    private long _commandIds;

    protected SagaHarnessBase(MigrationAdmitted admitted, VmSpec spec, MigrationPhase? recoveredIn)
    {
        var saga = new MigrationSaga(admitted, spec, Settings, Epoch, () => ++_commandIds);
        if (recoveredIn is { } phase)
        {
            saga.Recover(phase);
        }

        Harness = new DeciderHarness<MigrationSaga>(saga);
        Started = Harness.Start();
    }

    public MigrationSagaSettings Settings { get; } = new();

    public DeciderHarness<MigrationSaga> Harness { get; }

    public MigrationSaga Saga => Harness.Decider;

    public DecidedStep Started { get; }

    public DecidedStep Send(object input, Peer? from = null) => Harness.Send(input, from ?? Peer.None);
}

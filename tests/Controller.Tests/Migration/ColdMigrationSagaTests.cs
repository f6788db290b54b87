using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Migration;

/// <summary>A cold migration (a stopped VM's disks copied by a host): its happy path and every failure cell of docs/migration.md's table.</summary>
public sealed class ColdMigrationSagaTests
{
    private static readonly MigrationId Id = MigrationId.From("mig-0001");
    private static readonly HostId Copier = HostId.From("h-2");
    private static readonly DatastoreId From = DatastoreId.From("ds-1");
    private static readonly DatastoreId To = DatastoreId.From("ds-2");
    private static readonly Peer CopierPeer = MigrationHostPeer.Of(Copier);
    private static readonly Peer Operator = new("operator");

    private readonly ColdSaga _saga = new();

    [Fact]
    public void Starting_asks_the_chosen_host_to_copy_the_disks_at_the_mirrors_rate()
    {
        var copy = _saga.Started.ReplyTo<CopyVmDisks>(CopierPeer);

        Assert.Equal((To, 200L, From), (copy.Datastore, copy.RateMiBPerSecond, copy.Spec.PrimaryDatastore));
        Assert.Equal(MigrationPhase.Copying, _saga.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Contains(_saga.Started.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Completion) && t.Delay == TimeSpan.FromSeconds(30 * 40));
    }

    [Fact]
    public void A_whole_copy_completes_the_saga_and_moves_the_disks()
    {
        _saga.Copy(DiskCopyState.Running, remainingMb: 20_000);

        var done = _saga.Copy(DiskCopyState.Completed);

        Assert.Equal(MigrationPhase.Completed, done.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.True(done.Stopped);
        Assert.Equal(new VmDisksMoved(_saga.Saga.Vm, From, To, Id, TestClock.T0), Assert.Single(_saga.Saga.CompletionEvents(TestClock.T0)));
        Assert.Equal(0, _saga.Saga.CopyProgress?.RemainingMb);
    }

    [Fact]
    public void The_copying_host_dying_rolls_back_with_the_disks_where_they_were()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, Copier));

        var end = step.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.RolledBack, false), (end.To, end.VmDown));
        Assert.Contains("stay on ds-1", end.Why);
    }

    [Fact]
    public void A_failed_copy_or_a_refused_one_rolls_back()
    {
        Assert.Equal(MigrationPhase.RolledBack, _saga.Copy(DiskCopyState.Failed, error: "I/O error on ds-2").EventsOf<MigrationPhaseChanged>().Single().To);
        var refused = new ColdSaga();
        var copy = refused.Started.ReplyTo<CopyVmDisks>(CopierPeer);
        Assert.Equal(MigrationPhase.RolledBack, refused.Send(new CommandRejected(copy.CommandId, "host h-2 does not reach ds-2"), CopierPeer).EventsOf<MigrationPhaseChanged>().Single().To);
    }

    [Fact]
    public void An_operator_cancel_stops_the_copy_and_rolls_back()
    {
        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        Assert.Single(step.SentTo<CancelDiskCopy>(CopierPeer));
        Assert.Equal(MigrationPhase.RolledBack, step.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.True(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void A_copy_without_progress_or_not_done_in_time_is_cancelled_and_rolled_back()
    {
        _saga.Copy(DiskCopyState.Running, remainingMb: 30_000);

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Completion));

        Assert.Single(step.SentTo<CancelDiskCopy>(CopierPeer));
        Assert.Contains("30000 MB of 40960 MB not yet copied", step.EventsOf<MigrationPhaseChanged>().Single().Why);
        var stalled = new ColdSaga();
        Assert.Equal(MigrationPhase.RolledBack, stalled.Send(new MigrationTimedOut(Id, MigrationTimeout.Progress)).EventsOf<MigrationPhaseChanged>().Single().To);
    }

    [Fact]
    public void A_vrm_taking_over_asks_the_host_to_copy_again_and_the_copy_still_completes()
    {
        var recovered = new ColdSaga(MigrationPhase.Copying);

        Assert.Single(recovered.Started.SentTo<CopyVmDisks>(CopierPeer));
        Assert.Empty(recovered.Started.EventsOf<MigrationPhaseChanged>());
        Assert.Equal(MigrationPhase.Completed, recovered.Copy(DiskCopyState.Completed).EventsOf<MigrationPhaseChanged>().Single().To);
    }

    /// <summary>A cold migration of a stopped vm-0001 (a 40 GB disk on ds-1) to ds-2, copied by h-2.</summary>
    private sealed class ColdSaga(MigrationPhase? recoveredIn = null) : SagaHarnessBase(
        new MigrationAdmitted(Id, VmId.From("vm-0001"), Copier, Copier, 0, "operator", TestClock.T0, Kind: MigrationKind.Cold, Datastore: To, FromDatastore: From),
        new CreateVmRequest("cold-1", 2, 4096, [new VmDisk(From, 40)]).ToSpec(),
        recoveredIn)
    {
        public DecidedStep Copy(DiskCopyState state, long remainingMb = 0, string? error = null) =>
            Send(new DiskCopyProgressReported(Id, state, remainingMb, 40_960, error), CopierPeer);
    }
}

using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>
/// Live migration between <see cref="HypervisorConformance.Hypervisor"/> (the source) and a second backend instance on
/// another host (<see cref="Target"/>). Time is the suite's own (<see cref="Now"/>, moved by <see cref="Pass"/>), handed
/// to the calls that take it; a backend with a real clock waits instead. A 512 MB guest moves in well under a second over
/// the 10 Gbit/s the parameters allow. A backend whose hosts talk over a real network lets it catch up where a case
/// needs the other side's word (<see cref="AwaitNetwork"/>): the connection made, the target's confirmation, a reset.
/// </summary>
public abstract partial class HypervisorConformance
{
    protected static readonly MigrationParameters Transfer = new(1192, 300, AutoConverge: true);

    private IHypervisor? _target;

    protected IHypervisor Target => _target ??= CreateTarget(Allotment);

    protected DateTimeOffset Now { get; private set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_prepared_incoming_guest_listens_at_an_address_and_is_reported_paused_holding_its_memory_but_no_cpu()
    {
        var prepared = Target.PrepareIncoming(Web, Guest("web"), 2);

        Assert.Null(prepared.Refusal);
        Assert.False(string.IsNullOrEmpty(prepared.Uri));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 2)], Target.Report());
        Assert.Equal(new Resources(0, GuestMemoryMb), Target.Used);
    }

    [Fact]
    public void Preparing_the_same_incoming_guest_again_answers_the_same_address()
    {
        var first = Target.PrepareIncoming(Web, Guest("web"), 2);

        var again = Target.PrepareIncoming(Web, Guest("web"), 2);

        Assert.Equal(first, again);
        Assert.Single(Target.Report());
    }

    [Fact]
    public void An_incoming_guest_is_refused_for_a_vm_that_runs_on_the_target_or_that_would_not_fit()
    {
        Target.Start(Web, Guest("web"), 1);

        var runs = Target.PrepareIncoming(Web, Guest("web"), 2);
        var tooBig = Target.PrepareIncoming(Db, Guest("db", memoryMb: 2 * GuestMemoryMb * 2), 1);

        Assert.NotNull(runs.Refusal);
        Assert.NotNull(tooBig.Refusal);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Target.Report());
    }

    [Fact]
    public void A_completed_transfer_leaves_the_source_paused_and_the_target_resumes_the_guest_as_its_new_incarnation()
    {
        Send(SourceRunsTargetListens());
        var completed = RunTransferToEnd();
        var resumed = Target.ResumeIncoming(Web, 2);

        Assert.Equal(MigrationStatus.Completed, completed.Status);
        Assert.NotNull(completed.Downtime);
        Assert.Equal(0, completed.RemainingBytes);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 1)], Hypervisor.Report());
        Assert.Equal(0, Hypervisor.Used.CpuMhz);
        Assert.Null(resumed);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 2)], Target.Report());
    }

    [Fact]
    public void While_the_memory_is_on_its_way_the_source_runs_its_progress_shows_what_is_left_and_the_target_cannot_resume()
    {
        var uri = SourceRunsTargetListens();
        Send(uri);

        var midway = Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromMilliseconds(200)))!;

        Assert.Equal(MigrationStatus.Active, midway.Status);
        Assert.InRange(midway.RemainingBytes, 1, midway.TotalBytes - 1);
        Assert.True(midway.DirtySyncCount >= 1);
        Assert.NotNull(Target.ResumeIncoming(Web, 2));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void Migrating_again_to_the_same_address_while_under_way_is_accepted_and_elsewhere_refused()
    {
        var uri = SourceRunsTargetListens();
        Hypervisor.MigrateOut(Web, 1, uri, Transfer, Now);

        Assert.Null(Hypervisor.MigrateOut(Web, 1, uri, Transfer, Now));
        Assert.NotNull(Hypervisor.MigrateOut(Web, 1, uri + "0", Transfer, Now));
    }

    [Fact]
    public void A_cancelled_transfer_leaves_the_source_running_and_the_target_with_nothing_to_resume()
    {
        var uri = SourceRunsTargetListens();
        Send(uri);
        Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromMilliseconds(100)));

        Assert.Null(Hypervisor.CancelMigration(Web));
        var cancelled = Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromSeconds(5)))!;

        Assert.Equal(MigrationStatus.Cancelled, cancelled.Status);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
        Assert.NotNull(Target.ResumeIncoming(Web, 2));
    }

    [Fact]
    public void Cancelling_with_nothing_under_way_succeeds_and_changes_nothing()
    {
        Hypervisor.Start(Web, Guest("web"), 1);

        Assert.Null(Hypervisor.CancelMigration(Web));
        Assert.Null(Hypervisor.QueryMigration(Web, Now));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void A_transfer_to_an_address_nobody_listens_at_or_of_an_instance_that_does_not_run_is_refused()
    {
        var uri = SourceRunsTargetListens();
        Target.DiscardIncoming(Web, 2);

        AssertNeverSent(Web, Hypervisor.MigrateOut(Web, 1, uri, Transfer, Now));
        Assert.NotNull(Hypervisor.MigrateOut(Web, 7, uri, Transfer, Now));
        Assert.NotNull(Hypervisor.MigrateOut(Db, 1, uri, Transfer, Now));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void A_target_that_goes_away_fails_the_transfer_and_the_source_runs_on()
    {
        var uri = SourceRunsTargetListens();
        Send(uri);
        Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromMilliseconds(100)));

        LoseTarget();
        var failed = Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromSeconds(5)))!;

        Assert.Equal(MigrationStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void A_source_guest_that_crashes_during_the_transfer_fails_it()
    {
        var uri = SourceRunsTargetListens();
        Hypervisor.MigrateOut(Web, 1, uri, Transfer, Now);

        CrashGuest(Web);
        var failed = Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromSeconds(5)))!;

        Assert.Equal(MigrationStatus.Failed, failed.Status);
        Assert.NotNull(Target.ResumeIncoming(Web, 2));
    }

    [Fact]
    public void The_paused_source_is_quit_never_resumed_while_a_running_instance_is_never_quit()
    {
        MigratedOut();
        Target.ResumeIncoming(Web, 2);

        var running = Target.QuitMigratedSource(Web, 2);
        var quit = Hypervisor.QuitMigratedSource(Web, 1);
        var again = Hypervisor.QuitMigratedSource(Web, 1);

        Assert.NotNull(running);
        Assert.Null(quit);
        Assert.Null(again);
        Assert.Empty(Hypervisor.Report());
        Assert.Equal(0, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void A_source_paused_by_a_completed_transfer_can_be_resumed_when_the_target_never_ran()
    {
        MigratedOut();

        Assert.Null(Hypervisor.ResumeMigratedSource(Web, 1));
        Assert.Null(Hypervisor.ResumeMigratedSource(Web, 1));
        Assert.NotNull(Hypervisor.ResumeMigratedSource(Web, 5));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void The_paused_incoming_guest_is_discarded_while_one_already_resumed_is_not()
    {
        SourceRunsTargetListens();
        Target.PrepareIncoming(Db, Guest("db"), 4);

        var discarded = Target.DiscardIncoming(Db, 4);
        var absent = Target.DiscardIncoming(Db, 4);
        Send(Target.PrepareIncoming(Web, Guest("web"), 2).Uri!);
        RunTransferToEnd();
        Target.ResumeIncoming(Web, 2);
        var resumed = Target.DiscardIncoming(Web, 2);

        Assert.Null(discarded);
        Assert.Null(absent);
        Assert.NotNull(resumed);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 2)], Target.Report());
    }

    /// <summary>A backend on another host that <see cref="HypervisorConformance.Hypervisor"/> can send guests to.</summary>
    protected abstract IHypervisor CreateTarget(HostHardware hardware);

    /// <summary>The target host goes away as a real one can (its process killed, the migration link cut).</summary>
    protected abstract void LoseTarget();

    /// <summary>
    /// Lets the network between the two hosts catch up: every connection the source opened is made or has failed, and
    /// every target told of a completed transfer has answered. Nothing to wait for where both hosts share one process's network.
    /// </summary>
    protected virtual void AwaitNetwork()
    {
    }

    /// <summary>Moves the suite's clock on; returns the new time.</summary>
    protected DateTimeOffset Pass(TimeSpan duration) => Now += duration;

    private string SourceRunsTargetListens()
    {
        Assert.Null(Hypervisor.Start(Web, Guest("web"), 1));
        return Target.PrepareIncoming(Web, Guest("web"), 2).Uri!;
    }

    /// <summary>Starts sending the running web guest to <paramref name="uri"/>, once the connection is made.</summary>
    private void Send(string uri)
    {
        Assert.Null(Hypervisor.MigrateOut(Web, 1, uri, Transfer, Now));
        AwaitNetwork();
    }

    /// <summary>A transfer nobody receives is refused at once, or, where the connection is made in the background, fails on it.</summary>
    private void AssertNeverSent(VmId vm, string? refusal)
    {
        if (refusal is not null)
        {
            return;
        }

        AwaitNetwork();
        var status = Hypervisor.QueryMigration(vm, Pass(TimeSpan.FromSeconds(1)))!;
        Assert.Equal(MigrationStatus.Failed, status.Status);
        Assert.False(string.IsNullOrEmpty(status.Error));
    }

    private void MigratedOut()
    {
        Send(SourceRunsTargetListens());
        Assert.Equal(MigrationStatus.Completed, RunTransferToEnd().Status);
    }

    /// <summary>Queries every 100 ms until the transfer ends; a guest of this size is done well within a minute.</summary>
    private PreCopyStatus RunTransferToEnd()
    {
        for (var polls = 0; polls < 600; polls++)
        {
            AwaitNetwork();
            var status = Hypervisor.QueryMigration(Web, Pass(TimeSpan.FromMilliseconds(100)))!;
            if (status.Status is not (MigrationStatus.Setup or MigrationStatus.Active))
            {
                return status;
            }
        }

        throw new InvalidOperationException("the transfer did not end within a minute");
    }
}

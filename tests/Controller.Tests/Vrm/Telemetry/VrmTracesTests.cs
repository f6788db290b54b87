using System.Diagnostics;
using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Telemetry;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Telemetry;

/// <summary>
/// The spans the VRM actor builds from stored events, fed the events in the order a journal stores them (no Akka, no
/// clock): an HA action's tree and the context its StartVm carries, a lifecycle command, a migration saga's phases.
/// Its listener hears every VRM source in the process, so it runs alone (other classes' VRM actors would otherwise
/// build spans into it and find their StartVm stamped).
/// </summary>
[Collection(TelemetryListeners.Name)]
public sealed class VrmTracesTests : IDisposable
{
    private static readonly HostId Failed = new("h-1");
    private static readonly HostId Target = new("h-2");
    private static readonly VmId Vm = new("vm-0001");
    private static readonly VmSpec Spec = new CreateVmRequest("web", 1, 1024, []).ToSpec();

    private readonly List<Activity> _ended = [];
    private readonly ActivityListener _listener;

    public VrmTracesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is VrmTraces.SourceName or MigrationTraces.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void A_host_failure_spans_its_lease_check_and_restarts_and_the_StartVm_carries_the_restart_span()
    {
        var traces = new VrmTraces();
        traces.WriteStarted();
        traces.Stored(new HostStateChanged(Failed, HostState.Normal, HostState.Faulty, "missed heartbeats"));
        var candidates = new List<HaCandidate> { new(Vm, 1, Failed, new DatastoreId("ds-1"), HaCandidateKind.FailedHost) };
        traces.LeaseCheck(new ReadStorageLeases(candidates))!.Dispose();
        traces.LeasesRead(new StorageLeasesRead([new LeaseCheck(candidates[0], null, null)]));

        var write = traces.WriteStarted();
        traces.Stored(new HaRestartPlanned(Vm, Failed, Target, 1));
        traces.WriteStored(write);
        var start = (StartVm)traces.Outgoing(new StartVm(2, 7, Vm, Spec, 2));
        Assert.DoesNotContain(_ended, s => s.OperationName == "ha.host_failure");

        traces.WriteStarted();
        traces.Stored(new VmPowerStateChanged(Vm, VmPowerState.Starting, VmPowerState.Running, 2));

        var failure = Assert.Single(_ended, s => s.OperationName == "ha.host_failure");
        var check = Assert.Single(_ended, s => s.OperationName == "ha.storage_lease_check");
        var restart = Assert.Single(_ended, s => s.OperationName == "ha.vm_restart");
        Assert.Equal(failure.SpanId, check.ParentSpanId);
        Assert.Equal(failure.SpanId, restart.ParentSpanId);
        Assert.Equal(restart.Id, start.TraceParent);
        Assert.Equal(ActivityStatusCode.Ok, restart.Status);
    }

    [Fact]
    public void A_host_failure_with_nothing_to_restart_ends_once_the_lease_checks_step_is_stored()
    {
        var traces = new VrmTraces();
        traces.WriteStarted();
        traces.Stored(new HostStateChanged(Failed, HostState.Normal, HostState.Faulty, "missed heartbeats"));
        var candidate = new HaCandidate(Vm, 1, Failed, new DatastoreId("ds-1"), HaCandidateKind.FailedHost);
        var earlier = traces.WriteStarted();
        traces.LeasesRead(new StorageLeasesRead([new LeaseCheck(candidate, null, "unreadable")]));

        traces.WriteStored(earlier);
        Assert.DoesNotContain(_ended, s => s.OperationName == "ha.host_failure");
        traces.WriteStored(traces.WriteStarted());

        Assert.Single(_ended, s => s.OperationName == "ha.host_failure");
    }

    [Fact]
    public void An_operators_start_is_a_span_until_the_vm_runs_and_a_refused_stop_ends_as_an_error()
    {
        var traces = new VrmTraces();

        var start = (StartVm)traces.Outgoing(new StartVm(2, 7, Vm, Spec, 1));
        traces.Stored(new VmPowerStateChanged(Vm, VmPowerState.Starting, VmPowerState.Running, 1));
        var stop = (StopVm)traces.Outgoing(new StopVm(2, 8, Vm, true));
        traces.Rejected(new CommandRejected(8, "no such VM here"));

        var started = Assert.Single(_ended, s => s.OperationName == "vm.start");
        var stopped = Assert.Single(_ended, s => s.OperationName == "vm.stop");
        Assert.Equal(started.Id, start.TraceParent);
        Assert.Equal(stopped.Id, stop.TraceParent);
        Assert.Equal((ActivityStatusCode.Ok, ActivityStatusCode.Error), (started.Status, stopped.Status));
    }

    [Fact]
    public void A_migration_is_a_span_with_one_child_per_phase()
    {
        var traces = new MigrationTraces(VrmMetrics.Instance);
        var id = new MigrationId("mig-1");

        traces.Stored(new MigrationAdmitted(id, Vm, Failed, Target, 1, "operator", DateTimeOffset.UnixEpoch));
        traces.Stored(new MigrationPhaseChanged(id, MigrationPhase.Admitted, MigrationPhase.Transferring, "target prepared"));
        traces.Stored(new MigrationPhaseChanged(id, MigrationPhase.Transferring, MigrationPhase.Completed, "switched over", DowntimeMs: 40));

        var saga = Assert.Single(_ended, s => s.OperationName == "migration");
        var phases = _ended.Where(s => s.OperationName == "migration.phase").ToList();
        Assert.Equal(["admitted", "transferring"], phases.Select(p => p.GetTagItem("cluster.migration.phase")));
        Assert.All(phases, p => Assert.Equal(saga.SpanId, p.ParentSpanId));
        Assert.Equal("completed", saga.GetTagItem("cluster.migration.outcome"));
        Assert.Equal(ActivityStatusCode.Ok, saga.Status);
    }

    public void Dispose() => _listener.Dispose();
}

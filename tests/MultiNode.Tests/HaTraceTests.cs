using Cluster.Controller.Vrm.Telemetry;
using Cluster.HostNode.Telemetry;
using Cluster.Messages;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// An HA restart as a collector sees it: the host that dies opens <c>ha.host_failure</c> on the VRM's controller, with
/// the storage-lease check and the VM's <c>ha.vm_restart</c> under it, and the host node that starts the VM again
/// adds <c>cna.start_vm</c> to the same trace, its parent the restart span, from the context the StartVm carried over
/// Akka remoting between the two actor systems (an actor's mailbox passes no ambient context).
/// </summary>
public sealed class HaTraceTests
{
    // Skipped: in the clean-clone CI run of 2026-12-08 (04:01 UTC) the VM ran again on another host but ha.host_failure
    // never ended within 60 s. Suspected: VrmTraces.EndFailureIfDone waits for a journal write after the last lease read,
    // and a lease read after the restart with no write after it keeps the span open. To be fixed (issue 17), then unskipped.
    [Fact(Skip = "ha.host_failure span did not end in one CI run; VrmTraces.EndFailureIfDone under investigation (issue 17)")]
    public async Task An_HA_restart_is_one_trace_spanning_the_controller_and_the_host_node()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(VrmTraces.SourceName, CnaTraces.SourceName)
            .AddInMemoryExporter(spans)
            .Build();
        await using var cluster = await TestCluster.StartAsync();
        var vrm = cluster.First;
        var vm = (await cluster.RunVmsAsync(vrm, 1))[0];
        var failed = cluster.Hosts.Single(h => h.Id == vm.Host);

        await failed.KillAsync(cluster.Controllers.Select(c => c.Port).Concat(cluster.Hosts.Where(h => h != failed).Select(h => h.Port)));
        var restarted = (await cluster.WaitForVmsAsync("the VM running again on another host", vrm, vms => vms.Any(v => v.VmId == vm.VmId && v.PowerState == VmPowerState.Running && v.Host != failed.Id)))
            .Single(v => v.VmId == vm.VmId);
        await cluster.WaitAsync("the HA action's span ended", () => Task.FromResult(Ended(spans, "ha.host_failure", ("cluster.host.id", failed.Id.Value)) is not null));
        tracing.ForceFlush();

        var failure = Ended(spans, "ha.host_failure", ("cluster.host.id", failed.Id.Value))!;
        var trace = Snapshot(spans).Where(s => s.TraceId == failure.TraceId).ToList();
        var leaseCheck = Assert.Single(trace, s => s.OperationName == "ha.storage_lease_check");
        var restart = Assert.Single(trace, s => s.OperationName == "ha.vm_restart" && Tag(s, "cluster.vm.id") == vm.VmId.Value);
        var onHost = Assert.Single(trace, s => s.OperationName == "cna.start_vm" && Tag(s, "cluster.vm.id") == vm.VmId.Value);

        Assert.Equal(failure.SpanId, leaseCheck.ParentSpanId);
        Assert.Equal(failure.SpanId, restart.ParentSpanId);
        Assert.Equal(restart.SpanId, onHost.ParentSpanId);
        Assert.Equal(restarted.Host!.Value.Value, Tag(onHost, "cluster.host.id"));
        Assert.Equal(restarted.Incarnation, onHost.GetTagItem("cluster.vm.incarnation"));
        Assert.Equal(ActivityStatusCode.Ok, restart.Status);
        Assert.True(failure.StartTimeUtc <= restart.StartTimeUtc && restart.StartTimeUtc + restart.Duration <= failure.StartTimeUtc + failure.Duration);
    }

    private static Activity? Ended(List<Activity> spans, string name, (string Key, string Value) tag) =>
        Snapshot(spans).FirstOrDefault(s => s.OperationName == name && Tag(s, tag.Key) == tag.Value);

    // The exporter adds from the threads that end spans while the test reads: a copy of the array (which never
    // throws), without the slot a concurrent add had not filled yet.
    private static List<Activity> Snapshot(List<Activity> spans) => [.. spans.ToArray().Where(s => s is not null)];

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;
}

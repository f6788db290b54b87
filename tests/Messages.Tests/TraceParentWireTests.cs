using System.Text.Json;

namespace Cluster.Messages.Tests;

/// <summary>The W3C trace context a VRM command carries to its host survives the wire, and costs nothing when absent.</summary>
public sealed class TraceParentWireTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public void A_stamped_stop_arrives_with_its_trace_parent()
    {
        var stop = new StopVm(3, 17, new VmId("vm-1"), false) { TraceParent = TraceParent };
        var context = ClusterMessagesJsonContext.Default.StopVm;

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(stop, context), context);

        Assert.Equal(stop, back);
    }

    [Fact]
    public void An_unstamped_stop_writes_no_trace_field()
    {
        var json = JsonSerializer.Serialize(new StopVm(3, 18, new VmId("vm-1"), true), ClusterMessagesJsonContext.Default.StopVm);

        Assert.DoesNotContain("traceParent", json, StringComparison.Ordinal);
        Assert.Null(JsonSerializer.Deserialize(json, ClusterMessagesJsonContext.Default.StopVm)!.TraceParent);
    }
}

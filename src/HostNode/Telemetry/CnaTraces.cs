using System.Diagnostics;
using Cluster.Messages;

namespace Cluster.HostNode.Telemetry;

/// <summary>
/// The host node's spans (ActivitySource <c>Cluster.HostNode.Cna</c>): <c>cna.start_vm</c> and <c>cna.stop_vm</c>, the
/// CNA taking a VRM command, as children of the span whose context the command carries (<see cref="ITraceCarrier"/>),
/// so an HA restart or an operator's start shows the controller's side and the host's in one trace.
/// </summary>
public static class CnaTraces
{
    public const string SourceName = "Cluster.HostNode.Cna";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of a traced command, or null for anything else (heartbeat timers stay span-free).</summary>
    public static Activity? Receive(object message, HostId host)
    {
        if (message is not ITraceCarrier { TraceParent: { } parent } || !Source.HasListeners()
            || !ActivityContext.TryParse(parent, null, out var context))
        {
            return null;
        }

        var (name, command) = message switch
        {
            StartVm start => ("cna.start_vm", (IHostCommand)start),
            StopVm stop => ("cna.stop_vm", stop),
            _ => ("cna.command", (IHostCommand)message),
        };
        var span = Source.StartActivity(name, ActivityKind.Consumer, context);
        span?.SetTag("cluster.host.id", host.Value).SetTag("cluster.vm.id", command.VmId.Value).SetTag("cluster.command.id", command.CommandId);
        if (message is StartVm started)
        {
            span?.SetTag("cluster.vm.incarnation", started.Incarnation);
        }

        return span;
    }
}

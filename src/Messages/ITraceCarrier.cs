namespace Cluster.Messages;

/// <summary>
/// A message that carries the W3C <c>traceparent</c> of the span it belongs to (docs/observability.md), so that the
/// receiving process's span joins the sender's trace. Null when the sender traced nothing. The runtimes stamp it when
/// they send (the deciders that build these messages never see it); equality ignores nothing, so tests that compare
/// messages compare unstamped ones.
/// </summary>
public interface ITraceCarrier
{
    string? TraceParent { get; }
}

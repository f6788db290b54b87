namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// An effect: perform <paramref name="Operation"/> on the hypervisor. <paramref name="Context"/> is the
/// decider's own note of why (whom to answer), echoed back untouched in the <see cref="HypervisorResult"/>.
/// Runtimes run it synchronously and feed the result back before the next message, as the calls were made
/// inline before the deciders existed.
/// </summary>
public sealed record HypervisorRequest(HypervisorOperation Operation, object? Context);

/// <summary>The input answering a <see cref="HypervisorRequest"/>: null <paramref name="Refusal"/> means done.</summary>
public sealed record HypervisorResult(HypervisorRequest Request, string? Refusal);

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// An effect: perform <paramref name="Operation"/> on the hypervisor. <paramref name="Context"/> is the
/// decider's own note of why (whom to answer), echoed back untouched in the <see cref="HypervisorOperationPerformed"/>.
/// Runtimes run it synchronously and feed the answer back before the next message, as the calls were made
/// inline before the deciders existed.
/// </summary>
public sealed record PerformHypervisorOperation(HypervisorOperation Operation, object? Context);

/// <summary>Answers <see cref="PerformHypervisorOperation"/>: null <paramref name="Refusal"/> means done.</summary>
public sealed record HypervisorOperationPerformed(PerformHypervisorOperation Request, string? Refusal);

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// An effect: perform <paramref name="Operation"/> on the hypervisor. <paramref name="Context"/> is the
/// decider's own note of why (whom to answer), echoed back untouched in the <see cref="HypervisorOperationPerformed"/>.
/// Runtimes run it synchronously and feed the answer back before the next message, as the calls were made
/// inline before the deciders existed.
/// </summary>
public sealed record PerformHypervisorOperation(HypervisorOperation Operation, object? Context);

/// <summary>
/// Answers <see cref="PerformHypervisorOperation"/>: null <paramref name="Refusal"/> means done. <paramref name="Result"/> is
/// what the few operations that return something returned: the address of a prepared incoming VM (a string), the
/// status of a queried migration (a <see cref="Migration.PreCopyStatus"/>).
/// </summary>
public sealed record HypervisorOperationPerformed(PerformHypervisorOperation Request, string? Refusal, object? Result = null);

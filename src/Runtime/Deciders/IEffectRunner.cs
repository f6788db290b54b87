namespace Cluster.Runtime.Deciders;

/// <summary>
/// Runs a decider's effects (storage I/O, hypervisor calls) for one actor. The result becomes the decider's next
/// input. Expected failures must come back as result values the decider understands; an exception is a crash of the
/// actor (it restarts under its supervisor, and a persistent one recovers from its journal).
/// </summary>
public interface IEffectRunner
{
    /// <summary>
    /// A result already known completes synchronously and is decided before the actor's next mailbox message; any
    /// other comes back through the mailbox, behind whatever arrived meanwhile.
    /// </summary>
    ValueTask<object> Run(object effect);
}

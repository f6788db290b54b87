namespace Cluster.Actors;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the message that failed.</summary>
    Resume,

    /// <summary>Replace the actor with a fresh instance; the mailbox is kept, the failing message is not retried.</summary>
    Restart,

    /// <summary>Stop the actor for good.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same cause, for its own supervisor to decide.</summary>
    Escalate,
}

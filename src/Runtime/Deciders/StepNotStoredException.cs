namespace Cluster.Runtime.Deciders;

/// <summary>
/// The journal refused a step's event (e.g. it could not be serialized). The decider has already applied it, so its
/// state is ahead of the journal: the actor must restart and recover rather than carry on.
/// </summary>
public sealed class StepNotStoredException : Exception
{
    public StepNotStoredException()
    {
    }

    public StepNotStoredException(string message)
        : base(message)
    {
    }

    public StepNotStoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

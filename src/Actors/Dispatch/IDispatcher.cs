namespace Cluster.Actors;

/// <summary>Decides when and on which thread a mailbox with work gets to run.</summary>
public interface IDispatcher
{
    /// <summary>Called when a mailbox goes from idle to having work; the mailbox is scheduled at most once at a time.</summary>
    internal void Schedule(Mailbox mailbox);
}

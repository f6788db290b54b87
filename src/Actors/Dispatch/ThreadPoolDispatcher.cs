namespace Cluster.Actors;

/// <summary>Production dispatcher: mailboxes run on the .NET thread pool, many actors at once.</summary>
public sealed class ThreadPoolDispatcher : IDispatcher
{
    public static ThreadPoolDispatcher Instance { get; } = new();

    void IDispatcher.Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}

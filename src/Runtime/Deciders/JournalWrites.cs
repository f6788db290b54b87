namespace Cluster.Runtime.Deciders;

/// <summary>
/// The persistent actor's protected journal methods, handed to <see cref="PersistentDeciderShell"/> by the actor
/// (<c>new JournalWrites(PersistAllAsync, SaveSnapshot)</c>). With PersistAllAsync, commands keep being decided while
/// a write is in flight and the shell groups their steps into the next write (the measured choice, see
/// docs/benchmarks.md); with PersistAll, Akka stashes commands until each step's write is stored.
/// </summary>
/// <param name="PersistAll">Persists a batch as one atomic write, calling the handler per event once stored, in order.</param>
/// <param name="SaveSnapshot">Saves a snapshot at the last stored sequence number.</param>
public sealed record JournalWrites(Action<IEnumerable<object>, Action<object>> PersistAll, Action<object> SaveSnapshot);

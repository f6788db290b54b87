namespace Cluster.Runtime.Deciders;

/// <summary>
/// The persistent actor's protected journal methods, handed to <see cref="PersistentDeciderShell"/> by the actor
/// (e.g. <c>new JournalWrites(PersistAllAsync, DeferAsync, SaveSnapshot)</c>). Which persist method the actor gives
/// chooses the write mode: PersistAllAsync lets several steps' writes be in flight and grouped into one journal
/// write (the measured choice, see docs); PersistAll stashes commands until each step's write is stored.
/// </summary>
/// <param name="PersistAll">Persists a batch atomically, calling the handler per event once stored, in order.</param>
/// <param name="Defer">Runs the handler after every earlier persist's handler (at once when none is pending).</param>
/// <param name="SaveSnapshot">Saves a snapshot at the last stored sequence number.</param>
public sealed record JournalWrites(
    Action<IEnumerable<object>, Action<object>> PersistAll,
    Action<object, Action<object>> Defer,
    Action<object> SaveSnapshot);

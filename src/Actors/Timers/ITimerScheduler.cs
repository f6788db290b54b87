namespace Cluster.Actors;

/// <summary>
/// Timers owned by one actor, by key. Starting a timer with a key in use replaces the old one, and the
/// old one's message is guaranteed never to arrive, even if it was already in the mailbox. All timers
/// are cancelled when the actor stops or restarts.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}

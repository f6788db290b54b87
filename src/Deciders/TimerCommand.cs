namespace Cluster.Deciders;

/// <summary>
/// A keyed timer a step starts or cancels. Starting a key replaces the timer of that key, and a replaced
/// or cancelled timer's message never arrives (Akka's <c>IWithTimers</c> semantics, kept by the simulation).
/// </summary>
public abstract record TimerCommand(string Key);

/// <summary>Delivers <paramref name="Message"/> to the decider after <paramref name="Delay"/>, then every <paramref name="Delay"/> if periodic.</summary>
public sealed record StartTimer(string Key, object Message, TimeSpan Delay, bool Periodic) : TimerCommand(Key);

public sealed record CancelTimer(string Key) : TimerCommand(Key);

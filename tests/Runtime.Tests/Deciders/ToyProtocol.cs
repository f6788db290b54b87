namespace Cluster.Runtime.Tests.Deciders;

// The toy decider's inputs, outputs and events. They stay in-process (in-memory test journal), so they need no manifest.

/// <summary>Persist one <see cref="ItemAdded"/> per item as one step; the reply comes once they are stored.</summary>
public sealed record Add(params string[] Items);

public sealed record Added(int Count);

public sealed record ItemAdded(string Item);

public sealed record GetState;

/// <summary>The toy's state, and how it got it: from a snapshot, and how many events were replayed after it.</summary>
public sealed record ToyState(IReadOnlyList<string> Items, bool RecoveredFromSnapshot, int ReplayedEvents, int PingsFromNoOne);

public sealed record Arm(string Key, string Tag, TimeSpan Delay, bool Periodic = false);

public sealed record Armed(string Key);

public sealed record Disarm(string Key);

public sealed record Disarmed(string Key);

/// <summary>A timer's message.</summary>
public sealed record Tick(string Tag);

/// <summary>Sent to whoever armed the timer last: the tag, the decider's <c>now</c>, and whether the input came from no one.</summary>
public sealed record Fired(string Tag, DateTimeOffset Now, bool FromNoOne);

/// <summary>Runs a <see cref="Lookup"/> effect; its result is stored as an item (persistent toy) and reported as <see cref="Found"/>.</summary>
public sealed record Look(string Key, bool Synchronous);

public sealed record Lookup(string Key, bool Synchronous);

public sealed record LookedUp(string Key, string Value);

public sealed record Found(string Key, string Value, bool FromNoOne);

public sealed record Snap;

public sealed record Snapped;

public sealed record Ping;

public sealed record Quit;

public sealed record Bye;

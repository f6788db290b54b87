using Cluster.Actors.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Actors;

/// <summary>How an actor system runs: which dispatcher, clock, random source, logging and transport.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>The node's address. Without a transport it only names the node in paths.</summary>
    public NodeAddress Address { get; init; } = new("cluster", "localhost", 0);

    public IDispatcher Dispatcher { get; init; } = ThreadPoolDispatcher.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Null means the shared thread-safe random source (production).</summary>
    public Random? Random { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>User messages one mailbox may process before yielding its thread.</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Null: a local-only system. Otherwise remote references and remote DeathWatch work through it.</summary>
    public ITransport? Transport { get; init; }

    public RemoteWatchOptions RemoteWatch { get; init; } = new();

    /// <summary>Options for a deterministic node: its dispatcher, clock and random source all come from <paramref name="dispatcher"/>.</summary>
    public static ActorSystemOptions Deterministic(DeterministicDispatcher dispatcher, NodeAddress? address = null) => new()
    {
        Address = address ?? new NodeAddress("cluster", "sim", 0),
        Dispatcher = dispatcher,
        Time = dispatcher.Clock,
        Random = dispatcher.Random,
    };
}

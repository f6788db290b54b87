using System.Collections.Concurrent;
using Cluster.Actors.Remote;
using Microsoft.Extensions.Logging;

namespace Cluster.Actors;

/// <summary>
/// One node's actors: the hierarchy under /user and /system, dead letters, the event stream, and,
/// with a transport, references to actors on other nodes.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PromiseActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly DeterministicDispatcher? _deterministic;
    private readonly Random? _random;
    private readonly ILogger _log;
    private long _uid;
    private long _tempNumber;
    private long _deadLetterCount;
    private volatile bool _crashed;

    private ActorSystem(ActorSystemOptions options)
    {
        Address = options.Address;
        Dispatcher = options.Dispatcher;
        Time = options.Time;
        _random = options.Random;
        LoggerFactory = options.LoggerFactory;
        Throughput = options.Throughput;
        _deterministic = options.Dispatcher as DeterministicDispatcher;
        _log = LoggerFactory.CreateLogger("Cluster.Actors.ActorSystem");
        DeadLetters = new DeadActorRef(this, new ActorPath(Address, "/deadLetters"));

        _root = new ActorCell(this, null, Props.Create<RootGuardian>(), new ActorPath(Address, "/", NextUid()));
        _root.Mailbox.PostSystem(new Create());
        _userGuardian = ((LocalActorRef)_root.ActorOf(Props.Create<Guardian>(), "user")).Cell;
        _systemGuardian = ((LocalActorRef)_root.ActorOf(Props.Create<Guardian>(), "system")).Cell;
        if (options.Transport is not null)
        {
            Remoting = new Remoting(this, options.Transport, options.RemoteWatch);
        }
    }

    public NodeAddress Address { get; }

    public IDispatcher Dispatcher { get; }

    /// <summary>The kernel's clock; actors read time only from here.</summary>
    public TimeProvider Time { get; }

    /// <summary>The kernel's random source: seeded in deterministic mode, shared and thread-safe otherwise.</summary>
    public Random Random => _random ?? Random.Shared;

    public ILoggerFactory LoggerFactory { get; }

    public EventStream EventStream { get; } = new();

    /// <summary>Where undeliverable messages go; each is published as <see cref="DeadLetter"/> on the event stream.</summary>
    public ActorRef DeadLetters { get; }

    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    public bool IsDeterministic => _deterministic is not null;

    internal int Throughput { get; }

    internal Remoting? Remoting { get; }

    internal bool IsCrashed => _crashed;

    /// <summary>Creates a local-only system (no transport).</summary>
    public static ActorSystem Create(ActorSystemOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Transport is not null)
        {
            throw new ArgumentException("a system with a transport is created with CreateAsync, which starts the transport first", nameof(options));
        }

        return new ActorSystem(options);
    }

    /// <summary>
    /// Creates a system and starts its transport first, so the address it really bound (port 0 picks one)
    /// is in every actor's path from the start.
    /// </summary>
    public static async Task<ActorSystem> CreateAsync(ActorSystemOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Transport is null)
        {
            return new ActorSystem(options);
        }

        var inbound = new InboundRelay();
        await options.Transport.StartAsync(inbound, cancellationToken).ConfigureAwait(false);
        var system = new ActorSystem(options with { Address = options.Transport.LocalAddress });
        inbound.Target = system.Remoting;
        system.Remoting!.StartWatcher();
        return system;
    }

    public ActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>For the kernel's and the platform's own actors, under /system.</summary>
    public ActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(ActorRef actor) => actor.SendSystemMessage(new Terminate());

    /// <summary>Finds the actor at a path (e.g. "/user/vrm" or "cluster@host:9000/user/vrm"); a dead reference if none.</summary>
    public ActorRef ResolvePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path.StartsWith('/') ? ResolveLocal(path) : ResolvePath(ActorPath.Parse(path));
    }

    public ActorRef ResolvePath(ActorPath path)
    {
        if (path.Address.Equals(Address))
        {
            return ResolveLocal(path.Elements);
        }

        return Remoting is null ? new DeadActorRef(this, path) : Remoting.RefFor(path);
    }

    /// <summary>True if an actor lives at the local path right now.</summary>
    public bool HasActorAt(string path) => ResolveLocal(path) is not DeadActorRef;

    internal ActorRef ResolveLocal(string elements)
    {
        var hash = elements.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            elements = elements[..hash];
        }

        if (elements.StartsWith("/temp/", StringComparison.Ordinal))
        {
            return _temp.TryGetValue(elements, out var promise) ? promise : new DeadActorRef(this, new ActorPath(Address, elements));
        }

        var cell = _root;
        foreach (var name in elements.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var child = cell.ChildRef(name);
            if (child is null)
            {
                return new DeadActorRef(this, new ActorPath(Address, elements));
            }

            cell = child.Cell;
        }

        return cell.SelfRef;
    }

    /// <summary>Sends and waits for one reply. The timeout is mandatory; a failure reply or a throw in the target fails the task.</summary>
    public Task<object?> Ask(ActorRef target, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "ask timeout must be positive");
        }

        var name = "/temp/$" + Interlocked.Increment(ref _tempNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var promise = new PromiseActorRef(this, new ActorPath(Address, name), IsDeterministic);
        _temp[name] = promise;
        promise.StartTimeout(timeout, message, target);
        target.Tell(message, promise);
        return promise.Task;
    }

    public Task<T> Ask<T>(ActorRef target, object message, TimeSpan timeout) =>
        // A synchronous continuation, not await: under a synchronization context an await would finish on
        // another thread, and in deterministic mode everything must finish on the simulation's thread.
        Ask(target, message, timeout).ContinueWith(
            task => task.GetAwaiter().GetResult() is T typed
                ? typed
                : throw new InvalidCastException($"ask to {target} expected a {typeof(T).Name} reply but got {task.Result?.GetType().Name ?? "null"}"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Stops every actor (children before parents) and the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        _root.Stop(_root.Self);
        if (Remoting is not null)
        {
            await Remoting.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Simulates a process crash: every actor is gone at once, no hooks run, queued messages are lost.</summary>
    internal void Crash()
    {
        _crashed = true;
        _log.LogInformation("node {Address} crashed", Address);
    }

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal void UnregisterTemp(PromiseActorRef promise) => _temp.TryRemove(promise.Path.Elements, out _);

    internal void PublishDeadLetter(object message, ActorRef sender, ActorRef recipient)
    {
        if (_crashed)
        {
            return;
        }

        Interlocked.Increment(ref _deadLetterCount);
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void HandleSystemMessageToDeadActor(ActorRef deadActor, SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(deadActor, false, false));
        }
    }

    internal void TraceDelivery(ActorRef recipient, Envelope envelope) => _deterministic?.TraceDelivery(recipient, envelope);
}

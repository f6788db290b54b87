using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// A machine of the simulated cluster: the deciders it hosts by name, and its start-up code, which hosts them
/// again after every restart. A crash ends every decider, timer and inbound message of the node at once.
/// </summary>
public sealed class SimNode
{
    private readonly Dictionary<string, HostedDecider> _hosted = new(StringComparer.Ordinal);
    private readonly Dictionary<SimNode, Link> _links = [];
    private readonly Dictionary<string, Delivery> _pendingRestarts = new(StringComparer.Ordinal);
    private readonly Action<SimNode>? _startUp;

    internal SimNode(SimWorld world, string name, Action<SimNode>? startUp)
    {
        World = world;
        Name = name;
        _startUp = startUp;
    }

    public SimWorld World { get; }

    public string Name { get; }

    public bool IsUp { get; private set; }

    /// <summary>How many times the node has started; a message sent to an earlier life is lost.</summary>
    public int Incarnation { get; private set; }

    public IReadOnlyCollection<string> DeciderNames => _hosted.Keys;

    /// <summary>
    /// Hosts a decider under <paramref name="name"/> and starts it at once: a persistent one recovers first (latest
    /// snapshot, then the events after it). <paramref name="create"/> is kept to bring it back after a refused write.
    /// </summary>
    public SimAddress Host(string name, Func<IDecider> create, Action? onStopped = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!IsUp)
        {
            throw new InvalidOperationException($"node '{Name}' is down");
        }

        if (_hosted.ContainsKey(name))
        {
            throw new InvalidOperationException($"node '{Name}' already hosts '{name}'");
        }

        var hosted = new HostedDecider(this, name, create, onStopped);
        _hosted[name] = hosted;
        World.StartDecider(hosted);
        return hosted.Address;
    }

    /// <summary>The running instance hosted under <paramref name="name"/>, for tests and invariant checks to look at.</summary>
    public IDecider? DeciderAt(string name) => _hosted.TryGetValue(name, out var hosted) ? hosted.Decider : null;

    /// <summary>Whether the decider under <paramref name="name"/> has a live timer of <paramref name="key"/>.</summary>
    public bool HasTimer(string name, string key) => _hosted.TryGetValue(name, out var hosted) && hosted.HasTimer(key);

    public SimAddress AddressOf(string name) => new(Name, name);

    internal HostedDecider? Find(string name) => _hosted.GetValueOrDefault(name);

    /// <summary>Ends one decider's life, or its pending restart, without telling anyone (its owner stopping it).</summary>
    internal bool Remove(string name)
    {
        var cancelledRestart = _pendingRestarts.Remove(name);
        if (!_hosted.Remove(name, out var hosted))
        {
            return cancelledRestart;
        }

        hosted.Kill();
        return true;
    }

    /// <summary>Ends a decider whose write was refused and remembers that <paramref name="restart"/> is to bring it back.</summary>
    internal void RemoveForRestart(string name, Delivery restart)
    {
        Remove(name);
        _pendingRestarts[name] = restart;
    }

    /// <summary>Whether <paramref name="restart"/> is still wanted: nobody stopped the decider or crashed the node meanwhile.</summary>
    internal bool ClaimRestart(string name, Delivery restart)
    {
        if (!_pendingRestarts.TryGetValue(name, out var pending) || !ReferenceEquals(pending, restart))
        {
            return false;
        }

        _pendingRestarts.Remove(name);
        return true;
    }

    internal Link LinkTo(SimNode other)
    {
        if (!_links.TryGetValue(other, out var link))
        {
            link = new Link();
            _links[other] = link;
        }

        return link;
    }

    internal IEnumerable<Link> Links => _links.Values;

    internal void Start()
    {
        IsUp = true;
        Incarnation++;
        _startUp?.Invoke(this);
    }

    internal void Crash()
    {
        IsUp = false;
        foreach (var hosted in _hosted.Values)
        {
            hosted.Kill();
        }

        _hosted.Clear();
        _pendingRestarts.Clear();
    }
}

using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// A cluster singleton over a lease, as Akka's ClusterSingletonManager with use-lease: every node that runs it
/// (<see cref="RunOn"/>) competes for the lease, and the holder hosts the singleton decider, made by the factory from
/// the lease's epoch (the fencing token), under <see cref="Name"/>. When the holder dies its lease runs out and a
/// standby takes over. Messages to <see cref="Proxy"/> go, over the sender's link to the holder and subject to its
/// faults, to the singleton active when they are sent; with none active they are dropped (counted as dead letters),
/// as Akka's proxy would after its buffer, which the simulation does not model.
/// </summary>
public sealed class SimulatedSingleton
{
    private readonly SimWorld _world;
    private readonly Func<SimNode, long, IDecider> _create;
    private readonly Dictionary<string, SingletonManager> _managers = new(StringComparer.Ordinal);
    private readonly List<SingletonActivation> _activations = [];
    private SimNode? _holder;

    internal SimulatedSingleton(SimWorld world, string name, Func<SimNode, long, IDecider> create, SingletonTimings timings)
    {
        timings.Validate();
        _world = world;
        Name = name;
        _create = create;
        Timings = timings;
        Leases = new SimLeaseStore(world.Clock);
    }

    public string Name { get; }

    public SingletonTimings Timings { get; }

    public SimLeaseStore Leases { get; }

    public SimAddress Proxy => SimAddress.Proxy(Name);

    /// <summary>The node whose singleton is running now, or null (none elected yet, or it is between restarts).</summary>
    public SimNode? ActiveNode => _holder is { IsUp: true } holder && holder.Find(Name) is not null ? holder : null;

    public long ActiveEpoch => ActiveNode is not null ? _activations[^1].Epoch : 0;

    /// <summary>Every tenure so far, in order: tests check epochs grow and tenures never overlap.</summary>
    public IReadOnlyList<SingletonActivation> Activations => _activations;

    /// <summary>The most singletons ever running at once; anything above 1 is a split brain.</summary>
    public int MostActiveAtOnce { get; private set; }

    /// <summary>Makes <paramref name="node"/> compete for the singleton; call it from the node's start-up code.</summary>
    public void RunOn(SimNode node)
    {
        var manager = new SingletonManager(this, node);
        _managers[node.Name] = manager;
        node.Host(ManagerName, () => manager);
    }

    /// <summary>
    /// Stops the singleton on <paramref name="node"/> if it runs there and releases the lease; that node stops competing.
    /// True if the node held the lease and gave it back.
    /// </summary>
    public bool StepDown(string node) =>
        _managers.TryGetValue(node, out var manager) && _world.Node(node).Find(ManagerName) is not null && manager.Retire();

    public string ManagerName => Name + "-manager";

    internal void Activate(SimNode node, long epoch)
    {
        Deactivate(node);
        var running = 0;
        foreach (var other in _world.Nodes)
        {
            if (other.IsUp && other.Find(Name) is not null)
            {
                running++;
            }
        }

        MostActiveAtOnce = Math.Max(MostActiveAtOnce, running + 1);
        CloseTenure();
        _holder = node;
        _activations.Add(new SingletonActivation(node.Name, epoch, _world.Elapsed));
        var manager = _managers[node.Name];
        node.Host(Name, () => _create(node, epoch), () =>
        {
            CloseTenure();
            manager.SingletonStopped();
        });
    }

    internal void Deactivate(SimNode node)
    {
        if (node.Remove(Name) && _holder == node)
        {
            CloseTenure();
        }
    }

    internal void NodeCrashed(SimNode node)
    {
        if (_holder == node)
        {
            CloseTenure();
        }
    }

    private void CloseTenure()
    {
        if (_activations.Count > 0 && _activations[^1].Ended is null)
        {
            _activations[^1].Ended = _world.Elapsed;
        }
    }
}

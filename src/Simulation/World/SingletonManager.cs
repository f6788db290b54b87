using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// What ClusterSingletonManager with use-lease does on one node, at the pace of <see cref="SingletonTimings"/>: try the lease
/// at start-up and at every tick; the holder renews every RenewEvery and hosts the singleton with the lease's epoch;
/// a refused renewal stops it at once; a standby tries again just after the lease it read expires. It is a decider on
/// its node, so it dies with the node and its ticks are ordinary keyed timers.
/// </summary>
internal sealed class SingletonManager(SimulatedSingleton singleton, SimNode node) : IDecider
{
    private const string TickKey = "lease-tick";

    private readonly Step _step = new();
    private SimLease? _held;
    private DateTimeOffset _lastRenewed;
    private bool _retired;

    public Step Start(DateTimeOffset now) => OnTick(now);

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        if (input is Tick && !_retired)
        {
            return OnTick(now);
        }

        _step.Clear();
        return _step;
    }

    /// <summary>The singleton stopped by itself (deposed): give up acting; the next tick may take the lease again.</summary>
    public void SingletonStopped() => _held = null;

    /// <summary>A graceful leave: stop the singleton, then hand the lease back so a standby need not wait out the TTL; true if it was handed back.</summary>
    public bool Retire()
    {
        _retired = true;
        singleton.Deactivate(node);
        var released = _held is { } lease && singleton.Leases.Release(node.Name, lease.Epoch);
        _held = null;
        return released;
    }

    private Step OnTick(DateTimeOffset now)
    {
        _step.Clear();
        var timings = singleton.Timings;
        if (_held is not null && now >= _lastRenewed + timings.Ttl - timings.SafetyMargin)
        {
            StopActing();
        }

        var lease = _held is null
            ? singleton.Leases.TryAcquire(node.Name, timings.Ttl)
            : singleton.Leases.TryRenew(node.Name, _held.Epoch, timings.Ttl);
        if (lease is not null)
        {
            _lastRenewed = now;
            if (_held is null || _held.Epoch != lease.Epoch)
            {
                singleton.Activate(node, lease.Epoch);
            }

            _held = lease;
            _step.StartSingleTimer(TickKey, Tick.Instance, timings.RenewEvery);
            return _step;
        }

        if (_held is not null)
        {
            StopActing();
        }

        _step.StartSingleTimer(TickKey, Tick.Instance, WaitForExpiry(singleton.Leases.Read(node.Name), now, timings));
        return _step;
    }

    private static TimeSpan WaitForExpiry(SimLease? observed, DateTimeOffset now, SingletonTimings timings)
    {
        if (observed is null)
        {
            return timings.RenewEvery;
        }

        var wait = observed.ExpiresAt - now;
        return wait <= TimeSpan.Zero ? timings.RetryAfterExpiry
            : wait < timings.RenewEvery ? wait + timings.RetryAfterExpiry
            : timings.RenewEvery;
    }

    private void StopActing()
    {
        singleton.Deactivate(node);
        _held = null;
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}

using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// One armed keyed timer, and its own agenda entry: a periodic timer re-queues this same object, so a heartbeat
/// allocates nothing per beat. Replacing or cancelling the key marks it dead, so its message never arrives.
/// </summary>
internal sealed class TimerDelivery(HostedDecider owner, string key, object message, TimeSpan interval, bool periodic) : Delivery
{
    public bool Live { get; set; } = true;

    public string Key { get; } = key;

    public TimeSpan Interval { get; } = interval;

    public override bool Run(SimWorld world)
    {
        if (!Live || !owner.Alive)
        {
            return false;
        }

        if (periodic)
        {
            world.Schedule(world.Clock.Ticks + Interval.Ticks, this);
        }
        else
        {
            owner.TimerFired(this);
        }

        world.Feed(owner, message, Peer.None);
        return true;
    }
}

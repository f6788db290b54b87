namespace Cluster.Simulation.World;

/// <summary>One direction between two nodes: its faults, whether it is cut, and when its last message arrives (for order).</summary>
internal sealed class Link
{
    public LinkFaults? Faults { get; set; }

    public bool Cut { get; set; }

    public long LastArrivalTicks { get; set; } = long.MinValue;
}

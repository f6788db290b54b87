using System.Diagnostics;
using Cluster.Deciders;
using Cluster.Simulation.World;
using Xunit.Abstractions;

namespace Cluster.Simulation.Tests.World;

/// <summary>Prints the world's speed on a heartbeat-like load (it asserts only that the load ran, never a timing).</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    /// <summary>A host beating to a controller every 100 ms; the controller acknowledges. Allocates nothing per beat.</summary>
    private sealed class Beater(Peer controller) : IDecider
    {
        private static readonly object Beat = "beat";
        private readonly Step _step = new();

        public Step Start(DateTimeOffset now)
        {
            _step.Clear();
            _step.StartPeriodicTimer("beat", Beat, TimeSpan.FromMilliseconds(100));
            return _step;
        }

        public Step Decide(object input, Peer from, DateTimeOffset now)
        {
            _step.Clear();
            if (ReferenceEquals(input, Beat))
            {
                _step.Send(controller, input);
            }

            return _step;
        }
    }

    private sealed class Acknowledger : IDecider
    {
        private static readonly object Ack = "ack";
        private readonly Step _step = new();

        public Step Start(DateTimeOffset now)
        {
            _step.Clear();
            return _step;
        }

        public Step Decide(object input, Peer from, DateTimeOffset now)
        {
            _step.Clear();
            if (!ReferenceEquals(input, Ack))
            {
                _step.Send(from, Ack);
            }

            return _step;
        }
    }

    [Fact]
    public void Reports_deliveries_per_second_on_twenty_hosts_beating_to_one_controller()
    {
        var world = new SimWorld(seed: 1);
        world.Network.DefaultFaults = new LinkFaults { DropProbability = 0.01, MinDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        var controller = new SimAddress("c1", "vrm").AsPeer();
        world.CreateNode("c1", node => node.Host("vrm", () => new Acknowledger()));
        for (var host = 0; host < 20; host++)
        {
            world.CreateNode("h" + host, node => node.Host("cna", () => new Beater(controller)));
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        world.Advance(TimeSpan.FromMinutes(20));
        watch.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        output.WriteLine($"{world.Deliveries} deliveries: {world.Deliveries / watch.Elapsed.TotalSeconds:F0}/s wall ({watch.Elapsed.TotalMilliseconds:F0} ms), "
            + $"{world.Deliveries / cpuUsed.TotalSeconds:F0}/s of process CPU ({cpuUsed.TotalMilliseconds:F0} ms)");
        Assert.True(world.Deliveries > 600_000, $"{world.Deliveries} deliveries");
    }
}

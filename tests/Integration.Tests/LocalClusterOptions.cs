namespace Cluster.Integration.Tests;

/// <summary>
/// How a <see cref="LocalCluster"/> starts. The defaults suit the process tests (free ports, hosts at once);
/// the doc examples want the same output every run.
/// </summary>
/// <param name="Ports">Fixed ports instead of free ones.</param>
/// <param name="OneHostAtATime">Start each host only when the previous one is Normal.</param>
/// <param name="KeepGuests">Hosts keep their guests across a stop and start (<c>--guest-state</c>, one file each).</param>
/// <param name="ProductionTimings">The processes' own heartbeat defaults (3 s, Faulty after 10 missed) instead of 200 ms × 5.</param>
/// <param name="ControllerArgs">More controller settings, e.g. <c>--host-detection membership</c>.</param>
public sealed record LocalClusterOptions(ClusterPorts? Ports = null, bool OneHostAtATime = false, bool KeepGuests = false, bool ProductionTimings = false, IReadOnlyList<string>? ControllerArgs = null);

/// <summary>
/// The ports of scripts/run-local-cluster.sh (cluster 9000, admin 9110, hosts 9121...) moved up by
/// <paramref name="Offset"/>, a multiple of 100 below 800, so every port keeps its width: output with
/// the real ports maps back to the documented ones digit for digit.
/// </summary>
public sealed record ClusterPorts(int Offset)
{
    public const int DocumentedCluster = 9000;
    public const int DocumentedAdmin = 9110;
    public const int DocumentedFirstHost = 9121;

    public int Cluster => DocumentedCluster + Offset;

    public int Admin => DocumentedAdmin + Offset;

    public int Host(int index) => DocumentedFirstHost + Offset + index;

    /// <summary>The first offset (0, 100, ... 700) whose ports nobody listens on now.</summary>
    public static ClusterPorts FirstFree(int hosts)
    {
        for (var offset = 0; offset < 800; offset += 100)
        {
            var ports = new ClusterPorts(offset);
            if (ports.All(hosts).All(Binaries.IsFree))
            {
                return ports;
            }
        }

        throw new InvalidOperationException("no free set of ports 9000/9110/9121+ (offsets 0-700)");
    }

    public IEnumerable<int> All(int hosts) => new[] { Cluster, Admin }.Concat(Enumerable.Range(0, hosts).Select(Host));
}

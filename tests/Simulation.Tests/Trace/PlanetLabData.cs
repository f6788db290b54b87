using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

/// <summary>
/// The shared PlanetLab day (PLANETLAB_DATA_DIR, else ../shared/data/planetlab next to the repository),
/// or, where it is absent, a synthetic day of the same shape so the replay invariants still run.
/// </summary>
internal static class PlanetLabData
{
    private static readonly Lazy<PlanetLabTrace> Day = new(Load);

    public static PlanetLabTrace Trace => Day.Value;

    private static PlanetLabTrace Load()
    {
        var file = Locate("20110303.txt");
        return file is not null ? PlanetLabTraceReader.Read(file) : Synthetic(1000);
    }

    private static string? Locate(string name)
    {
        var configured = Environment.GetEnvironmentVariable("PLANETLAB_DATA_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.Combine(configured, name);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "planetlab", name);
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>A daily wave plus per-VM noise from a fixed linear congruential sequence (no ambient randomness).</summary>
    private static PlanetLabTrace Synthetic(int vms)
    {
        var samples = new byte[vms * PlanetLabTrace.SamplesPerVm];
        var state = 12345u;
        for (var vm = 0; vm < vms; vm++)
        {
            for (var i = 0; i < PlanetLabTrace.SamplesPerVm; i++)
            {
                state = (state * 1_664_525u) + 1_013_904_223u;
                var wave = 25 + (20 * Math.Sin((i + vm) * Math.PI / 144));
                samples[(vm * PlanetLabTrace.SamplesPerVm) + i] = (byte)Math.Clamp(wave + ((state >> 24) % 30), 0, 99);
            }
        }

        return new PlanetLabTrace("synthetic", [.. Enumerable.Range(0, vms).Select(vm => $"vm{vm:D4}")], [.. samples]);
    }
}

using System.Diagnostics.Metrics;

namespace Cluster.Controller.Vrm.Telemetry;

/// <summary>The VRM journal's meter, <c>Cluster.Controller.Journal</c>: how long each atomic write takes to be stored.</summary>
public static class JournalMetrics
{
    public const string MeterName = "Cluster.Controller.Journal";

    private static readonly Meter Meter = new(MeterName);

    /// <summary><c>cluster.journal.write.duration</c>: from the write's start to its last event stored, in seconds.</summary>
    public static Histogram<double> WriteDuration { get; } = Meter.CreateHistogram<double>(
        "cluster.journal.write.duration", "s", "From the start of an atomic journal write of the VRM to its events stored.");
}

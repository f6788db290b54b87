using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cluster.Benchmarks;

/// <summary>
/// OpenTelemetry as a controller runs it, for the overhead benchmark: every Cluster.* ActivitySource and Meter and the
/// runtime's metrics, spans to an in-memory list, metrics collected once a second (what a Prometheus scrape costs).
/// </summary>
public sealed class BenchTelemetry : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scrapes;

    private BenchTelemetry()
    {
        var spans = new List<Activity>();
        var points = new List<Metric>();
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource("Cluster.*").AddInMemoryExporter(spans).Build();
        _metrics = Sdk.CreateMeterProviderBuilder().AddMeter("Cluster.*").AddRuntimeInstrumentation().AddInMemoryExporter(points).Build();
        _scrapes = ScrapeEverySecondAsync(points, _stop.Token);
    }

    public static BenchTelemetry Start() => new();

    public void Stop()
    {
        _stop.Cancel();
        _scrapes.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Stop();
        }

        _tracing.Dispose();
        _metrics.Dispose();
        _stop.Dispose();
    }

    private async Task ScrapeEverySecondAsync(List<Metric> points, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                _metrics.ForceFlush();
                points.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

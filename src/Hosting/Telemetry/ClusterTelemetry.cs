using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cluster.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for every process: our ActivitySources and Meters (all named <c>Cluster.*</c>), ASP.NET Core and
/// HttpClient instrumentation, .NET runtime metrics. OpenTelemetry exports nothing from a source or meter it was not
/// told about, so the wildcard is what makes a new component's telemetry appear. OTLP (traces and metrics) is added
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads it and the other OTEL_* variables itself);
/// metrics also go to Prometheus where the process serves <c>/metrics</c>.
/// </summary>
public static class ClusterTelemetry
{
    /// <summary>The prefix of every ActivitySource and Meter of ours.</summary>
    public const string SourcePrefix = "Cluster.";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <param name="services">The process's services.</param>
    /// <param name="serviceName">The OpenTelemetry <c>service.name</c>: cluster-controller or cluster-host-node.</param>
    /// <param name="serviceInstance">The node id, as <c>service.instance.id</c>.</param>
    /// <param name="prometheus">Whether the process serves <c>/metrics</c> (the admin API maps it).</param>
    public static IServiceCollection AddClusterTelemetry(this IServiceCollection services, string serviceName, string serviceInstance, bool prometheus)
    {
        ArgumentNullException.ThrowIfNull(services);
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: serviceInstance))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SourcePrefix + "*").AddRuntimeInstrumentation().AddAspNetCoreInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Spans have no exporter but OTLP: without it no span is even built (ActivitySource.StartActivity answers null).
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }
}

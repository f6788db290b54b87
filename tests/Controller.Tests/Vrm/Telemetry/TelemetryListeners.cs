namespace Cluster.Controller.Tests.Vrm.Telemetry;

/// <summary>Tests that listen to the VRM's ActivitySources run alone: a listener hears every VRM in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryListeners
{
    public const string Name = "telemetry listeners";
}

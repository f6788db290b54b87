namespace Cluster.Hosting.Configuration;

/// <summary>A setting is missing or wrong. The message is one line that names the setting and the reason; the process exits 2.</summary>
public sealed class ConfigException(string setting, string reason) : Exception($"{setting}: {reason}")
{
    public string Setting { get; } = setting;

    public string Reason { get; } = reason;
}

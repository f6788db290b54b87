namespace Cluster.Hosting.Configuration;

/// <summary>
/// One setting of a process: its command-line name (<c>--node-id</c>), the environment variable that
/// sets it (<c>CLUSTER_NODE_ID</c> unless named otherwise), and its key in appsettings.json's "Cluster"
/// section (<c>NodeId</c> or <c>node-id</c>; case, dashes and underscores do not matter).
/// </summary>
/// <param name="Name">The long option without dashes, kebab-case.</param>
/// <param name="Help">One line for --help.</param>
/// <param name="ValueName">What the value looks like; null makes the setting a flag.</param>
/// <param name="Repeatable">May be given several times (or as a comma-separated list in the environment and JSON).</param>
/// <param name="Environment">The environment variable, when not the default CLUSTER_ + NAME.</param>
public sealed record SettingSpec(string Name, string Help, string? ValueName = "VALUE", bool Repeatable = false, string? Environment = null)
{
    public const string EnvironmentPrefix = "CLUSTER_";

    public bool IsFlag => ValueName is null;

    public string Option => "--" + Name;

    public string EnvironmentVariable => Environment ?? EnvironmentPrefix + Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>The form every source's key is compared in: lower case, no dashes or underscores.</summary>
    public string Key => Normalize(Name);

    public static string Normalize(string key) => key.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}

namespace Cluster.Shell.Commands;

/// <summary>Builds API paths; ids are escaped so an id with '/' or '?' cannot reach a different route.</summary>
internal static class Paths
{
    public static string Item(string collection, string id, string? action = null) =>
        action is null ? $"/api/{collection}/{Uri.EscapeDataString(id)}" : $"/api/{collection}/{Uri.EscapeDataString(id)}/{action}";
}

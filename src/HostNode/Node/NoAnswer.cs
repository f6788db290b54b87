namespace Cluster.HostNode.Node;

/// <summary>The result of an effect that answers nothing (a best-effort release, a probe handed to datastore actors); deciders ignore it.</summary>
public sealed record NoAnswer
{
    public static readonly NoAnswer Instance = new();
}

namespace Cluster.Messages;

/// <summary>One validation failure: the JSON path of the offending field and why it is wrong.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

namespace Cluster.Messages;

/// <summary>
/// An identifier that is a non-empty string on the wire. The static factory lets one generic JSON
/// converter serve every identifier type.
/// </summary>
public interface IStringId<TSelf> : IComparable<TSelf>
    where TSelf : struct, IStringId<TSelf>
{
    string Value { get; }

    static abstract TSelf From(string value);
}

/// <summary>Shared guard for identifier constructors.</summary>
internal static class StringId
{
    public static string Require(string value, string typeName) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{typeName} must be a non-empty string", nameof(value))
            : value;
}

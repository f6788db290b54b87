using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>Identifies a cluster managed by one VRM. Ordered by ordinal string comparison, which planners use to break ties.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ClusterId>))]
public readonly record struct ClusterId(string Value) : IStringId<ClusterId>
{
    public string Value { get; } = StringId.Require(Value, nameof(ClusterId));

    public static ClusterId From(string value) => new(value);

    public int CompareTo(ClusterId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}

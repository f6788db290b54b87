using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>Identifies a compute host (a CNA). Ordered by ordinal string comparison, which planners use to break ties.</summary>
[JsonConverter(typeof(StringIdJsonConverter<HostId>))]
public readonly record struct HostId(string Value) : IStringId<HostId>
{
    public string Value { get; } = StringId.Require(Value, nameof(HostId));

    public static HostId From(string value) => new(value);

    public int CompareTo(HostId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}

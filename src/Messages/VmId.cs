using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>Identifies a virtual machine. Ordered by ordinal string comparison, which planners use to break ties.</summary>
[JsonConverter(typeof(StringIdJsonConverter<VmId>))]
public readonly record struct VmId(string Value) : IStringId<VmId>
{
    public string Value { get; } = StringId.Require(Value, nameof(VmId));

    public static VmId From(string value) => new(value);

    public int CompareTo(VmId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}

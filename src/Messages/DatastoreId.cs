using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>Identifies a datastore (shared storage a host may reach). Ordered by ordinal string comparison, which planners use to break ties.</summary>
[JsonConverter(typeof(StringIdJsonConverter<DatastoreId>))]
public readonly record struct DatastoreId(string Value) : IStringId<DatastoreId>
{
    public string Value { get; } = StringId.Require(Value, nameof(DatastoreId));

    public static DatastoreId From(string value) => new(value);

    public int CompareTo(DatastoreId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}

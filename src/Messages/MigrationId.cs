using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>Identifies one migration of one VM (a VM moved twice has two).</summary>
[JsonConverter(typeof(StringIdJsonConverter<MigrationId>))]
public readonly record struct MigrationId(string Value) : IStringId<MigrationId>
{
    public string Value { get; } = StringId.Require(Value, nameof(MigrationId));

    public static MigrationId From(string value) => new(value);

    public int CompareTo(MigrationId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}

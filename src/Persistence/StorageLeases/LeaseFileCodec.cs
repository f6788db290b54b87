using System.Text.Json;

namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// The lease file's format: small, versioned JSON an operator can read with cat. Parsing is strict (every field
/// required, no unknown ones, values checked), because a misread lease could let HA start a VM that still runs.
/// </summary>
internal static class LeaseFileCodec
{
    private const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static byte[] Encode(StorageLease lease) => JsonSerializer.SerializeToUtf8Bytes(
        new LeaseFile(Version, lease.DatastoreId, lease.VmId, lease.HolderHostId, lease.Incarnation, lease.Counter, lease.RenewedAt, lease.Ttl, lease.Released),
        Options);

    /// <summary>Parses the file at <paramref name="path"/>, which must describe (<paramref name="datastoreId"/>, <paramref name="vmId"/>).</summary>
    public static StorageLease Decode(byte[] bytes, string path, string datastoreId, string vmId)
    {
        LeaseFile? file;
        try
        {
            file = JsonSerializer.Deserialize<LeaseFile>(bytes, Options);
        }
        catch (JsonException e)
        {
            throw new CorruptLeaseFileException(path, "not a valid lease document: " + e.Message, e);
        }

        var problem = file switch
        {
            null => "empty document",
            { Version: not Version } => $"unsupported version {file.Version}",
            _ when file.DatastoreId != datastoreId || file.VmId != vmId => $"it describes '{file.DatastoreId}/{file.VmId}', not its own path",
            { HolderHostId.Length: 0 } => "holderHostId is empty",
            { Incarnation: <= 0 } => $"incarnation {file.Incarnation} is not positive",
            { Counter: <= 0 } => $"counter {file.Counter} is not positive",
            _ when file.Ttl <= TimeSpan.Zero => $"ttl {file.Ttl} is not positive",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CorruptLeaseFileException(path, problem);
        }

        return new StorageLease(file!.DatastoreId, file.VmId, file.HolderHostId, file.Incarnation, file.Counter, file.RenewedAt, file.Ttl, file.Released);
    }

    private sealed record LeaseFile(
        int Version, string DatastoreId, string VmId, string HolderHostId, long Incarnation, long Counter, DateTimeOffset RenewedAt, TimeSpan Ttl, bool Released);
}

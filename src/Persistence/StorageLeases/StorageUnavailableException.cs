namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// The datastore could not be reached (the host lost its storage path, or the datastore is down). It says nothing
/// about the lease: a renewer counts it as a failed renewal, and HA must not read it as "the lease is free".
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

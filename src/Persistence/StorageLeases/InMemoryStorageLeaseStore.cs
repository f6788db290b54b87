namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Storage leases for tests and the deterministic simulation. Every call completes synchronously (no thread hops, so
/// the simulation stays deterministic) and reads time only from the injected clock. Faults: a host can lose its
/// storage path (its acquire/renew/release calls fail) and a datastore can go down (every call on it fails).
/// </summary>
public sealed class InMemoryStorageLeaseStore(TimeProvider time) : CompareAndSetLeaseStore(time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Datastore, string Vm), StorageLease> _leases = [];
    private readonly HashSet<string> _disconnectedHosts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _downDatastores = new(StringComparer.Ordinal);

    public void DisconnectHost(string hostId) => Fault(_disconnectedHosts, hostId, add: true);

    public void ReconnectHost(string hostId) => Fault(_disconnectedHosts, hostId, add: false);

    public void FailDatastore(string datastoreId) => Fault(_downDatastores, datastoreId, add: true);

    public void RestoreDatastore(string datastoreId) => Fault(_downDatastores, datastoreId, add: false);

    /// <summary>The lease as stored, read by an observer outside the simulated world (a checker): no fault applies.</summary>
    public StorageLease? Peek(string datastoreId, string vmId)
    {
        lock (_gate)
        {
            return _leases.GetValueOrDefault((datastoreId, vmId));
        }
    }

    protected override Task<T> UpdateAsync<T>(
        string datastoreId, string vmId, string holderHostId, Func<StorageLease?, (StorageLease? Write, T Result)> decide, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Unreachable(datastoreId, holderHostId) is { } fault)
            {
                return Task.FromException<T>(fault);
            }

            var (write, result) = decide(_leases.GetValueOrDefault((datastoreId, vmId)));
            if (write is not null)
            {
                _leases[(datastoreId, vmId)] = write;
            }

            return Task.FromResult(result);
        }
    }

    /// <summary>A read is made by an observer (the controller), so only a datastore outage fails it.</summary>
    protected override Task<StorageLease?> LoadAsync(string datastoreId, string vmId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Unreachable(datastoreId, holderHostId: null) is { } fault
                ? Task.FromException<StorageLease?>(fault)
                : Task.FromResult(_leases.GetValueOrDefault((datastoreId, vmId)));
        }
    }

    private StorageUnavailableException? Unreachable(string datastoreId, string? holderHostId)
    {
        if (_downDatastores.Contains(datastoreId))
        {
            return new StorageUnavailableException($"Datastore '{datastoreId}' is down (injected).");
        }

        return holderHostId is not null && _disconnectedHosts.Contains(holderHostId)
            ? new StorageUnavailableException($"Host '{holderHostId}' has lost its storage path (injected).")
            : null;
    }

    private void Fault(HashSet<string> set, string id, bool add)
    {
        Guard.NotEmpty(id);
        lock (_gate)
        {
            _ = add ? set.Add(id) : set.Remove(id);
        }
    }
}

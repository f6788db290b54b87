using Cluster.Actors;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Datastore health, probed through the storage-lease store at every renewal over this host's own storage path
/// (a renewal of a lease that does not exist: it changes nothing and answers "not held" when the datastore is
/// reachable, and fails when not) and reported in heartbeats.
/// A host without a usable store reports every datastore unreachable, so the VRM places nothing on it that
/// could only fail to start.
/// </summary>
public sealed partial class CnaActor
{
    /// <summary>The VM id probed: never a real VM (VM ids are vm-NNNN), so the read finds no lease.</summary>
    public const string ProbeVmId = "datastore-probe";

    private IReadOnlyList<DatastoreHealth>? _datastoreHealth;
    private readonly HashSet<string> _refusalsLogged = [];

    private IReadOnlyList<DatastoreHealth>? DatastoreHealth()
    {
        if (_settings.StorageUnusableBecause is { } reason)
        {
            return [.. _settings.Datastores.Select(d => new DatastoreHealth(d, false, reason))];
        }

        // Without lease store (--storage-leases none) nothing is probed: the datastores count as reachable.
        return _datastoreHealth;
    }

    private void ProbeDatastores()
    {
        if (_settings.StorageLeases is not { } store)
        {
            return;
        }

        ProbeAsync(store).PipeTo(Self, health => new DatastoresProbed(health), _ => new DatastoresProbed([.. _settings.Datastores.Select(d => new DatastoreHealth(d, false, "probe failed"))]));
    }

    private async Task<IReadOnlyList<DatastoreHealth>> ProbeAsync(Persistence.StorageLeases.IStorageLeaseStore store)
    {
        var health = new List<DatastoreHealth>(_settings.Datastores.Count);
        foreach (var datastore in _settings.Datastores)
        {
            try
            {
                await store.RenewAsync(datastore.Value, ProbeVmId, _settings.HostId.Value, 1, _settings.Fencing.LeaseTtl).ConfigureAwait(false);
                health.Add(new DatastoreHealth(datastore, true));
            }
            catch (Exception error)
            {
                health.Add(new DatastoreHealth(datastore, false, error.Message.TrimEnd('.')));
            }
        }

        return health;
    }

    private void OnRegistrationRefused(HostRegistrationRefused refused)
    {
        // The controller repeats it at every beat; say it once per reason.
        if (_refusalsLogged.Add(refused.Reason))
        {
            Log.LogError("the controller refused host {Host}: {Reason}", refused.HostId, refused.Reason);
        }
    }

    private sealed record DatastoresProbed(IReadOnlyList<DatastoreHealth> Health);
}

using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode.Storage;

/// <summary>
/// Performs storage-lease effects for any runtime, as <paramref name="host"/> with leases of <paramref name="ttl"/>.
/// Every failure becomes an answer (never a faulted task), so the decider always hears back.
/// </summary>
public sealed class StorageLeaseExecutor(IStorageLeaseStore store, HostId host, TimeSpan ttl)
{
    /// <summary>The VM id probed: never a real VM (VM ids are vm-NNNN), so the read finds no lease.</summary>
    public const string ProbeVmId = "datastore-probe";

    public static bool Handles(object effect) => effect is AcquireStorageLease or RenewStorageLease or ReleaseStorageLease or ProbeDatastores;

    /// <summary>Starts the effect; the task's result is the input to give the decider, or null when there is none.</summary>
    public Task<object?> Execute(object effect) => effect switch
    {
        AcquireStorageLease acquire => AcquireAsync(acquire),
        RenewStorageLease renew => RenewAsync(renew),
        ReleaseStorageLease release => ReleaseAsync(release),
        ProbeDatastores probe => ProbeAsync(probe),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "not a storage-lease effect"),
    };

    private async Task<object?> AcquireAsync(AcquireStorageLease acquire)
    {
        try
        {
            var result = await store.TryAcquireAsync(acquire.Datastore.Value, acquire.Vm.Value, host.Value, acquire.Incarnation, ttl).ConfigureAwait(false);
            return new StorageLeaseAcquired(acquire, result, null);
        }
        catch (Exception error)
        {
            return new StorageLeaseAcquired(acquire, null, error.Message);
        }
    }

    private async Task<object?> RenewAsync(RenewStorageLease renew)
    {
        try
        {
            var lease = await store.RenewAsync(renew.Datastore.Value, renew.Vm.Value, host.Value, renew.Incarnation, ttl).ConfigureAwait(false);
            return new StorageLeaseRenewed(renew, lease is null ? RenewalOutcome.Lost : RenewalOutcome.Succeeded);
        }
        catch (Exception)
        {
            return new StorageLeaseRenewed(renew, RenewalOutcome.Failed);
        }
    }

    private async Task<object?> ReleaseAsync(ReleaseStorageLease release)
    {
        try
        {
            await store.ReleaseAsync(release.Datastore.Value, release.Vm.Value, host.Value, release.Incarnation).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort (see ReleaseStorageLease): the lease then simply expires.
        }

        return null;
    }

    /// <summary>
    /// A renewal of a lease that does not exist over each datastore: it changes nothing and answers "not held"
    /// when the datastore is reachable, and fails when not.
    /// </summary>
    private async Task<object?> ProbeAsync(ProbeDatastores probe)
    {
        var health = new List<DatastoreHealth>(probe.Datastores.Count);
        foreach (var datastore in probe.Datastores)
        {
            try
            {
                await store.RenewAsync(datastore.Value, ProbeVmId, host.Value, 1, ttl).ConfigureAwait(false);
                health.Add(new DatastoreHealth(datastore, true));
            }
            catch (Exception error)
            {
                health.Add(new DatastoreHealth(datastore, false, error.Message.TrimEnd('.')));
            }
        }

        return new DatastoresProbed(health);
    }
}

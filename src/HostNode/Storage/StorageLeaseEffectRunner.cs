using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode.Storage;

/// <summary>
/// Runs storage-lease effects for any runtime, as <paramref name="host"/> with leases of <paramref name="ttl"/>.
/// Every failure becomes an answer (never a faulted task), so the decider always hears back.
/// </summary>
public sealed class StorageLeaseEffectRunner(IStorageLeaseStore store, HostId host, TimeSpan ttl)
{
    /// <summary>The VM id probed: never a real VM (VM ids are vm-NNNN), so the read finds no lease.</summary>
    public const string ProbeVmId = "datastore-probe";

    public static bool Handles(object effect) => effect is AcquireStorageLease or RenewStorageLease or ReleaseStorageLease or ProbeDatastores;

    /// <summary>Starts the effect; the task's result is the input to give the decider, or null when there is none.</summary>
    public Task<object?> RunAsync(object effect) => effect switch
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
            var acquiring = store.TryAcquireAsync(acquire.Datastore.Value, acquire.Vm.Value, host.Value, acquire.Incarnation, ttl);
            return FailureOf(acquiring) is { } failure
                ? new StorageLeaseAcquired(acquire, null, failure.Message)
                : new StorageLeaseAcquired(acquire, await acquiring.ConfigureAwait(false), null);
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
            var renewing = store.RenewAsync(renew.Datastore.Value, renew.Vm.Value, host.Value, renew.Incarnation, ttl);
            if (FailureOf(renewing) is not null)
            {
                return new StorageLeaseRenewed(renew, RenewalOutcome.Failed);
            }

            var lease = await renewing.ConfigureAwait(false);
            return new StorageLeaseRenewed(renew, lease is null ? RenewalOutcome.Lost : RenewalOutcome.Succeeded);
        }
        catch (Exception)
        {
            return new StorageLeaseRenewed(renew, RenewalOutcome.Failed);
        }
    }

    private async Task<object?> ReleaseAsync(ReleaseStorageLease release)
    {
        string? error = null;
        try
        {
            var releasing = store.ReleaseAsync(release.Datastore.Value, release.Vm.Value, host.Value, release.Incarnation);
            if (FailureOf(releasing) is { } failure)
            {
                error = failure.Message;
            }
            else
            {
                await releasing.ConfigureAwait(false);
            }
        }
        catch (Exception failure)
        {
            // Best effort (see ReleaseStorageLease): the lease then simply expires.
            error = failure.Message;
        }

        return release.Context is null ? null : new StorageLeaseReleased(release, error);
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
                var probing = store.RenewAsync(datastore.Value, ProbeVmId, host.Value, 1, ttl);
                if (FailureOf(probing) is { } failure)
                {
                    health.Add(new DatastoreHealth(datastore, false, failure.Message.TrimEnd('.')));
                    continue;
                }

                await probing.ConfigureAwait(false);
                health.Add(new DatastoreHealth(datastore, true));
            }
            catch (Exception error)
            {
                health.Add(new DatastoreHealth(datastore, false, error.Message.TrimEnd('.')));
            }
        }

        return new DatastoresProbed(health);
    }

    /// <summary>
    /// The error an already failed call failed with (the one awaiting it would throw), else null. An unreachable store
    /// fails every renewal and probe, which in-memory stores do synchronously: reading their error instead of
    /// throwing it spares an exception per failed call, the same answer either way.
    /// </summary>
    private static Exception? FailureOf(Task call) => call.IsFaulted ? call.Exception!.InnerExceptions[0] : null;
}

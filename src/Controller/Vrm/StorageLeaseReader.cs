using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Runs <see cref="ReadStorageLeases"/> against the datastores' lease store; every runtime of the VRM shares it.
/// Each lease that cannot be read is folded into the answer, so the task itself does not fail on a bad read.
/// Without a store (a cluster with no shared storage) every lease reads as absent.
/// </summary>
public sealed class StorageLeaseReader(IStorageLeaseStore? leases)
{
    public async Task<object> RunAsync(ReadStorageLeases effect)
    {
        var checks = new List<LeaseCheck>(effect.Candidates.Count);
        foreach (var candidate in effect.Candidates)
        {
            if (leases is null)
            {
                checks.Add(new LeaseCheck(candidate, null, null));
                continue;
            }

            try
            {
                // A read that failed already (an in-memory store's outage) is folded in without throwing its error.
                var reading = leases.ReadAsync(candidate.Datastore.Value, candidate.VmId.Value);
                checks.Add(reading.IsFaulted
                    ? new LeaseCheck(candidate, null, reading.Exception!.InnerExceptions[0].Message)
                    : new LeaseCheck(candidate, await reading.ConfigureAwait(false), null));
            }
            catch (Exception error)
            {
                checks.Add(new LeaseCheck(candidate, null, error.Message));
            }
        }

        return new StorageLeasesRead(checks);
    }
}

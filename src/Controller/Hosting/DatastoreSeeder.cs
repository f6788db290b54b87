using Akka.Actor;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Hosting;

/// <summary>
/// Adds the configured datastores to the inventory whenever this controller's VRM becomes active (a new
/// epoch), so a fresh cluster can place VMs. Adding is idempotent in the VRM, so doing it again after a
/// failover is harmless. Asks the VRM through the singleton proxy, so it works on any controller, on a <see cref="PeriodicTimer"/>.
/// </summary>
public sealed class DatastoreSeeder(IActorRef vrmProxy, IReadOnlyList<DatastoreConfig> datastores, TimeProvider time, ILogger log)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private long _seededEpoch;

    /// <summary>The interval between checks of whether this controller is (newly) active.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (datastores.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await SeedIfNewlyActiveAsync().ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SeedIfNewlyActiveAsync()
    {
        try
        {
            if (await vrmProxy.Ask<object>(new GetLeader(), AskTimeout).ConfigureAwait(false) is not LeaderInfo { IsActive: true } leader || leader.Epoch == _seededEpoch)
            {
                return;
            }

            foreach (var datastore in datastores)
            {
                var reply = await vrmProxy.Ask<object>(new AddDatastore(datastore.Id, datastore.Id.Value, datastore.CapacityGb), AskTimeout).ConfigureAwait(false);
                if (reply is AdminFailure failure)
                {
                    log.LogWarning("adding datastore {Datastore} was refused: {Reason}", datastore.Id, failure.Error.Message);
                    return;
                }
            }

            _seededEpoch = leader.Epoch;
            log.LogInformation("datastores present in the inventory (epoch {Epoch}): {Datastores}", leader.Epoch, string.Join(", ", datastores.Select(d => d.Id.Value)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogDebug(ex, "datastore check failed; trying again");
        }
    }
}

using Akka.Actor;
using Cluster.Messages;

namespace Cluster.HostNode.Storage;

/// <summary>
/// One datastore this host reaches, a child of the CNA actor: on each <see cref="ProbeDatastore"/> it checks that the
/// datastore answers over this host's storage path and reports <see cref="DatastoreProbed"/> to its parent.
/// It lives on the host, not the controller, because what matters is this host's path to the datastore: the VRM
/// places VMs and HA trusts leases by what each host can reach, and a controller's own view of the storage says
/// nothing about a host's cable. One actor per datastore, so a datastore that hangs delays only its own report, and
/// a probe still running is not started again.
/// </summary>
public sealed class DatastoreActor : ReceiveActor
{
    private bool _probing;

    public DatastoreActor(DatastoreId datastore, StorageLeaseEffectRunner storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Receive<ProbeDatastore>(_ =>
        {
            if (_probing)
            {
                return;
            }

            _probing = true;
            storage.RunAsync(new ProbeDatastores([datastore])).PipeTo(
                Self,
                success: answer => answer!,
                failure: error => new DatastoresProbed([new DatastoreHealth(datastore, false, error.Message)]));
        });
        Receive<DatastoresProbed>(probed =>
        {
            _probing = false;
            Context.Parent.Tell(new DatastoreProbed(HealthOf(probed, datastore)));
        });
    }

    public static Props Props(DatastoreId datastore, StorageLeaseEffectRunner storage) =>
        Akka.Actor.Props.Create(() => new DatastoreActor(datastore, storage));

    private static DatastoreHealth HealthOf(DatastoresProbed probed, DatastoreId datastore) =>
        probed.Health.Single(h => h.Datastore == datastore);
}

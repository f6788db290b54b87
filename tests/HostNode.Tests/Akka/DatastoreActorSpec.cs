using Cluster.HostNode.Storage;
using Cluster.Persistence.StorageLeases;
using Xunit.Abstractions;
using static Cluster.HostNode.Tests.Akka.HostSpecConfig;

namespace Cluster.HostNode.Tests.Akka;

public sealed class DatastoreActorSpec(ITestOutputHelper output) : global::Akka.TestKit.Xunit2.TestKit(Hocon, output: output)
{
    [Fact]
    public void It_reports_its_datastores_health_over_this_hosts_storage_path_to_its_parent()
    {
        var store = new InMemoryStorageLeaseStore(new SchedulerTime(Sys.Scheduler));
        var datastore = ChildActorOf(DatastoreActor.Props(Ds1, new StorageLeaseEffectRunner(store, Host, StorageLeaseDefaults.Ttl)));

        datastore.Tell(ProbeDatastore.Instance, TestActor);
        var healthy = ExpectMsg<DatastoreProbed>().Health;
        store.FailDatastore(Ds1.Value);
        datastore.Tell(ProbeDatastore.Instance, TestActor);
        var failed = ExpectMsg<DatastoreProbed>().Health;

        Assert.Equal((Ds1, true), (healthy.Datastore, healthy.Reachable));
        Assert.Equal((Ds1, false), (failed.Datastore, failed.Reachable));
        Assert.False(string.IsNullOrEmpty(failed.Problem));
    }
}

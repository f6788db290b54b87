using Akka.Actor;
using Akka.Coordination;
using Akka.Hosting;
using Cluster.Messages;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Serialization;
using Cluster.Runtime.Tests.Persistence;
using Cluster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Hosting;

/// <summary>
/// The Akka.Hosting registrations the processes will use, started the way the Generic Host starts them (its hosted
/// service), on SQLite: our serializer, the lease block, and the persistence plugin with its connection setup.
/// </summary>
public sealed class AkkaHostingRegistrationTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private ServiceProvider? _services;

    [Fact]
    public async Task A_system_built_by_Akka_Hosting_serializes_leases_and_persists_with_our_pieces()
    {
        var system = _services!.GetRequiredService<ActorSystem>();

        var serializer = system.Serialization.FindSerializerFor(new VmDeleted(new VmId("vm-1")));
        var lease = LeaseProvider.Get(system).GetLease("hosted", SqlLeaseConfig.ConfigPath, "node-a");
        var recorder = system.ActorOf(Recorder.Props("hosted"));

        Assert.Equal(ClusterWireSerializer.SerializerId, serializer.Identifier);
        Assert.True(await Assert.IsType<SqlLease>(lease).Acquire());
        Assert.Equal(1, (await recorder.Ask<Recorded>(new Persistence.Record("a"), TimeSpan.FromSeconds(20))).LastSequenceNr);
        Assert.Equal("wal", _db.Rows("PRAGMA journal_mode")[0][0]);
    }

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IHostApplicationLifetime, TestHostLifetime>();
        services.AddAkka("hosted", builder => builder
            .AddClusterWireSerializer()
            .AddSqlLease(_db.LeaseBlock())
            .AddSqlPersistence(_db.Persistence()));
        _services = services.BuildServiceProvider();
        await HostedServices.StartAllAsync(_services);
    }

    public async Task DisposeAsync()
    {
        await HostedServices.StopAllAsync(_services);

        _db.Dispose();
    }
}

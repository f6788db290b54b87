using Cluster.Shell.Http;
using Cluster.Shell.Interactive;

namespace Cluster.Shell.Tests;

// What Tab offers for <id> and <address>, read from the controller's lists over real HTTP (see CannedServer).
public sealed class IdCatalogTests
{
    [Fact]
    public async Task Migration_ids_come_from_the_migration_list()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations", 200, $"[{Json.Migration},{Json.RolledBackMigration}]");
        using var client = new AdminClient(new Uri($"http://127.0.0.1:{server.Port}/"), "test", null, TimeSpan.FromSeconds(10));

        Assert.Equal(["mig-0001", "mig-0002"], new IdCatalog(() => client, TimeProvider.System).IdsOf("migration"));
    }

    [Fact]
    public async Task Member_addresses_come_from_cluster_members_and_ids_from_the_palettes_list()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/members", 200, Json.Members).On("GET /api/hosts", 200, $"[{Json.Host}]");
        using var client = new AdminClient(new Uri($"http://127.0.0.1:{server.Port}/"), "test", null, TimeSpan.FromSeconds(10));
        var catalog = new IdCatalog(() => client, TimeProvider.System);

        Assert.Equal(["akka.tcp://cluster@10.0.0.1:4053", "akka.tcp://cluster@10.0.0.2:4053", "akka.tcp://cluster@10.0.0.7:4053"], catalog.IdsOf("cluster"));
        Assert.Equal(["h-1"], catalog.IdsOf("host"));
    }
}

namespace Cluster.Shell.Tests;

// The datastore palette over real HTTP against canned answers (see CannedServer).
public sealed class DatastoreCommandTests
{
    private const string Ds1 = """
        {"datastoreId":"ds-1","name":"ds-1","capacityGb":500,"overcommit":1.5,"provisionableGb":750,"provisionedGb":160,"inUseGb":40,"freeGb":710,
         "hosts":[{"hostId":"h-1","state":"Normal","reachable":true},{"hostId":"h-2","state":"Normal","reachable":false,"problem":"lease store timed out"}],
         "vms":[{"vmId":"vm-0001","name":"web-1","powerState":"Running","disks":1,"diskGb":40},{"vmId":"vm-0002","name":"db-1","powerState":"Stopped","disks":2,"diskGb":120}]}
        """;

    [Fact]
    public async Task List_shows_space_reach_and_vm_count()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/datastores", 200, $"[{Ds1}]");

        var result = await ShellRunner.RunAsync(server, "datastore", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"ds-1\s+│\s+500 x 1.5 = 750\s+│\s+160\s+│\s+40\s+│\s+710\s+│\s+1/2 reach\s+│\s+2", result.Out);
    }

    [Fact]
    public async Task Show_names_each_hosts_health_and_each_vms_disks()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/datastores/ds-1", 200, Ds1);

        var result = await ShellRunner.RunAsync(server, "datastore", "show", "ds-1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("h-2 Normal unreachable (lease store timed out)", result.Out, StringComparison.Ordinal);
        Assert.Contains("vm-0002 db-1 Stopped 120 GB", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_unknown_datastore_prints_the_servers_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/datastores/ds-9", 404, """{"type":"urn:cluster:problem:not-found","title":"not found","status":404,"detail":"datastoreId: no datastore ds-9","errors":[{"field":"datastoreId","reason":"no datastore ds-9"}]}""");

        var result = await ShellRunner.RunAsync(server, "datastore", "show", "ds-9");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("no datastore ds-9", result.Error + result.Out, StringComparison.Ordinal);
    }
}

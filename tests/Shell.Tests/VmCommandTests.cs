using System.Text.Json;

namespace Cluster.Shell.Tests;

// The shell over real HTTP against canned answers (see CannedServer).
public sealed class VmCommandTests
{
    [Fact]
    public async Task Create_posts_the_request_in_wire_shape()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms", 201, Json.StoppedVm);

        var result = await ShellRunner.RunAsync(server, "vm", "create", "--name", "db-1", "--vcpus", "4", "--memory-mb", "8192", "--disk", "ds-1:40", "--disk", "ds-2:10", "--ha", "false", "--priority", "LOW");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("db-1", result.Out, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(server.Seen).Body).RootElement;
        Assert.Equal("db-1", body.GetProperty("name").GetString());
        Assert.Equal(4, body.GetProperty("vcpus").GetInt32());
        Assert.Equal(8192, body.GetProperty("memoryMb").GetInt64());
        Assert.Equal("ds-2", body.GetProperty("disks")[1].GetProperty("datastore").GetString());
        Assert.Equal(40, body.GetProperty("disks")[0].GetProperty("sizeGb").GetInt64());
        Assert.False(body.GetProperty("haEnabled").GetBoolean());
        Assert.Equal("Low", body.GetProperty("restartPriority").GetString());
    }

    [Theory]
    [InlineData(new[] { "vm", "start", "vm-1" }, "POST /api/vms/vm-1/start")]
    [InlineData(new[] { "vm", "stop", "vm-1" }, "POST /api/vms/vm-1/stop")]
    [InlineData(new[] { "vm", "stop", "vm-1", "--force" }, "POST /api/vms/vm-1/stop?force=true")]
    public async Task Lifecycle_commands_hit_their_routes(string[] args, string route)
    {
        await using var server = await CannedServer.StartAsync();
        server.On(route, 200, Json.Vm);

        var result = await ShellRunner.RunAsync(server, args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("web-1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_confirms_in_table_mode_and_prints_nothing_in_json_mode()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("DELETE /api/vms/vm-1", 204);

        var table = await ShellRunner.RunAsync(server, "vm", "delete", "vm-1");
        var json = await ShellRunner.RunAsync(server, "--output", "json", "vm", "delete", "vm-1");

        Assert.Equal((ExitCodes.Ok, "vm-1 deleted" + Environment.NewLine), (table.ExitCode, table.Out));
        Assert.Equal((ExitCodes.Ok, string.Empty), (json.ExitCode, json.Out));
    }
}

namespace Cluster.Shell.Tests;

// What the shell sends and how it reads the controller's problem-details errors, over real HTTP.
public sealed class RequestShapeTests
{
    [Theory]
    [InlineData("POST /api/vms/vm-1/start", "vm", "start", "vm-1")]
    [InlineData("POST /api/vms/vm-1/stop?force=true", "vm", "stop", "vm-1", "--force")]
    [InlineData("DELETE /api/vms/vm-1", "vm", "delete", "vm-1")]
    public async Task Bodiless_state_changes_are_sent_as_application_json(string request, params string[] args)
    {
        await using var server = await CannedServer.StartAsync();
        server.On(request, 200, Json.Vm);

        await ShellRunner.RunAsync(server, args);

        var seen = Assert.Single(server.Seen);
        Assert.Equal("application/json", seen.ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task A_problem_with_several_fields_prints_the_detail_then_one_field_reason_line_each()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms", 400, """{"type":"urn:cluster:problem:invalid-request","title":"the request is invalid","status":400,"detail":"2 fields are invalid","errors":[{"field":"memoryMb","reason":"must be at most 1048576"},{"field":"disks[0].sizeGb","reason":"must be at least 1"}]}""");

        var result = await ShellRunner.RunAsync(server, "vm", "create", "--name", "web-1", "--vcpus", "2", "--memory-mb", "99999999999999", "--disk", "ds-1:1");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("error: 400 BadRequest: 2 fields are invalid", result.Error, StringComparison.Ordinal);
        Assert.Contains("  memoryMb: must be at most 1048576", result.Error, StringComparison.Ordinal);
        Assert.Contains("  disks[0].sizeGb: must be at least 1", result.Error, StringComparison.Ordinal);
    }
}

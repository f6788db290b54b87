using System.Net;
using System.Net.Sockets;

namespace Cluster.Shell.Tests;

// Exit codes 1 (the server refused) and 3 (no server), over real sockets.
public sealed class ServerErrorTests
{
    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(400)]
    [InlineData(503)]
    public async Task A_refusal_exits_1_and_prints_the_error_response(int status)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-1/start", status, Json.Error("VM not startable", "vmId", "it is Crashed"));

        var result = await ShellRunner.RunAsync(server, "vm", "start", "vm-1");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains($"error: {status} ", result.Error, StringComparison.Ordinal);
        Assert.Contains("VM not startable", result.Error, StringComparison.Ordinal);
        Assert.Contains("  vmId: it is Crashed", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData(400, """{"type":"about:blank","title":"Bad Request","status":400,"detail":"memoryMb: must be at most 1048576","errors":[{"field":"memoryMb","reason":"must be at most 1048576"}]}""", "error: 400 BadRequest: memoryMb: must be at most 1048576\n")]
    [InlineData(400, """{"type":"about:blank","title":"Bad Request","status":400,"detail":"2 problems","errors":[{"field":"memoryMb","reason":"must be at most 1048576"},{"field":"vcpus","reason":"must be at most 256"}]}""", "error: 400 BadRequest: 2 problems\n  memoryMb: must be at most 1048576\n  vcpus: must be at most 256\n")]
    [InlineData(415, """{"type":"about:blank","title":"Unsupported Media Type","status":415}""", "error: 415 UnsupportedMediaType: Unsupported Media Type\n")]
    public async Task An_rfc_9457_problem_details_body_is_read_too(int status, string body, string expected)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms", status, body);

        var result = await ShellRunner.RunAsync(server, "vm", "create", "--name", "a", "--vcpus", "1", "--memory-mb", "9", "--disk", "ds-1:1");

        Assert.Equal((ExitCodes.Refused, expected), (result.ExitCode, result.Error.Replace(Environment.NewLine, "\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("vm start vm-1")]
    [InlineData("vm stop vm-1 --force")]
    [InlineData("vm delete vm-1")]
    public async Task State_changing_requests_say_application_json_even_without_a_body(string line)
    {
        await using var server = await CannedServer.StartAsync();

        await ShellRunner.RunAsync(server, line.Split(' '));

        Assert.StartsWith("application/json", Assert.Single(server.Seen).ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_without_a_json_body_still_names_the_status()
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, "host", "list");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("error: 404 NotFound", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_answer_exits_1_rather_than_crashing()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, """{"not":"a list"}""");

        var result = await ShellRunner.RunAsync(server, "host", "list");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("not the expected", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_exits_3_naming_host_and_port()
    {
        var port = FreePort();

        var result = await ShellRunner.RunAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "cluster", "status");

        Assert.Equal(ExitCodes.CannotConnect, result.ExitCode);
        Assert.Contains($"cannot connect to 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A port nobody listens on: bind one, note it, close it.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

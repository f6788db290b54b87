namespace Cluster.Shell.Tests;

// The shell over real HTTP against canned answers (see CannedServer).
public sealed class ReadCommandTests
{
    [Fact]
    public async Task Host_list_prints_a_table()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, $"[{Json.Host}]");

        var result = await ShellRunner.RunAsync(server, "host", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("HOST", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"h-1\s+.\s+10\.0\.0\.1:9120\s+.\s+Normal\s+.\s+4000 / 52000\s+.\s+8192 / 262144\s+.\s+1", result.Out);
    }

    [Fact]
    public async Task Json_output_is_the_server_body_unchanged()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts/h-1", 200, Json.Host);

        var result = await ShellRunner.RunAsync(server, "--output", "json", "host", "show", "h-1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(Json.Host + Environment.NewLine, result.Out);
    }

    [Fact]
    public async Task Vm_list_and_show()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/vms", 200, $"[{Json.Vm},{Json.StoppedVm}]").On("GET /api/vms/vm-2", 200, Json.StoppedVm);

        var list = await ShellRunner.RunAsync(server, "vm", "list");
        var show = await ShellRunner.RunAsync(server, "vm", "show", "vm-2");

        Assert.Matches(@"vm-1\s+.\s+web-1\s+.\s+Running\s+.\s+h-1\s+.\s+2\s+.\s+4096\s+.\s+on\s+.\s+High", list.Out);
        Assert.Matches(@"vm-2\s+.\s+db-1\s+.\s+Stopped\s+.\s+-\s+", show.Out);
        Assert.DoesNotContain("vm-1", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_status_summarizes_and_show_adds_the_inventory()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster", 200, Json.Cluster);

        var status = await ShellRunner.RunAsync(server, "cluster", "status");
        var show = await ShellRunner.RunAsync(server, "cluster", "show");

        Assert.Matches(@"cluster\s+c-1", status.Out);
        Assert.Matches(@"vms\s+2 \(1 Running, 1 Stopped\)", status.Out);
        Assert.DoesNotContain("web-1", status.Out, StringComparison.Ordinal);
        Assert.Contains("web-1", show.Out, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1:9120", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_leader()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/leader", 200, Json.Leader);

        var result = await ShellRunner.RunAsync(server, "cluster", "leader");

        Assert.Matches(@"holder\s+controller-a", result.Out);
        Assert.Matches(@"active\s+yes", result.Out);
    }

    [Theory]
    [InlineData("""{"holder":"controller-a","epoch":7,"isActive":false}""", "holder  controller-a\nepoch   7\nactive  no (this controller is a standby)")]
    [InlineData("""{"holder":"","epoch":0,"isActive":false}""", "standby; active controller unknown")]
    public async Task Cluster_leader_on_a_standby_names_the_active_one_or_says_it_does_not_know(string body, string expected)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/leader", 200, body);

        var result = await ShellRunner.RunAsync(server, "cluster", "leader");

        Assert.Equal(expected, string.Join('\n', result.Out.TrimEnd().Split(Environment.NewLine).Select(l => l.TrimEnd())));
    }

    [Fact]
    public async Task Ids_are_escaped_into_the_path()
    {
        await using var server = await CannedServer.StartAsync();

        await ShellRunner.RunAsync(server, "vm", "show", "a/b?c");

        Assert.Equal("/api/vms/a%2Fb%3Fc", Assert.Single(server.Seen).PathAndQuery);
    }
}

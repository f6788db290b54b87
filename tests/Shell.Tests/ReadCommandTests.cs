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
        Assert.Matches(@"h-1\s+.\s+10\.0\.0\.1:9120\s+.\s+Normal\s+.\s+-\s+.\s+4000 / 52000\s+.\s+-\s+.\s+8192 / 262144\s+.\s+1", result.Out);
    }

    [Fact]
    public async Task Host_list_shows_cpu_used_apart_from_reserved_and_datastore_health()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, $"[{Json.HostWithHealth}]");

        var result = await ShellRunner.RunAsync(server, "host", "list");

        Assert.Matches(@"h-2\s+.\s+10\.0\.0\.2:9120\s+.\s+Normal\s+.\s+1200\s+.\s+0 / 98800\s+.\s+4096\s+.\s+8192 / 262144\s+.\s+1\s+.\s+ds-1 ok, ds-2 unreachable", result.Out);
    }

    [Fact]
    public async Task Host_show_has_hardware_datastores_with_health_vms_and_last_heartbeat()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts/h-2", 200, Json.HostWithHealth);

        var result = await ShellRunner.RunAsync(server, "host", "show", "h-2");

        Assert.Contains("2 sockets x 10 cores x 2 threads at 2600 MHz", result.Out, StringComparison.Ordinal);
        Assert.Contains("used 1200, reserved 0 of 98800", result.Out, StringComparison.Ordinal);
        Assert.Contains("ds-1 ok, ds-2 unreachable (no marker)", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"vms\s+vm-1", result.Out);
        Assert.Contains("2025-01-02 03:04:05Z", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vm_show_has_disks_datastores_qos_incarnation_ha_and_host_history()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/vms/vm-3", 200, Json.DetailedVm);

        var result = await ShellRunner.RunAsync(server, "vm", "show", "vm-3");

        Assert.Contains("ds-1:40 GB, ds-2:10 GB", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"datastores\s+ds-1, ds-2", result.Out);
        Assert.Contains("shares 2000, reservation 500 MHz, limit none", result.Out, StringComparison.Ordinal);
        Assert.Contains("limit 4096 MB", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"incarnation\s+3", result.Out);
        Assert.Contains("enabled, restart priority High", result.Out, StringComparison.Ordinal);
        Assert.Contains("h-2 #3 since 2025-01-02 03:04:05Z; h-1 #1 since ?", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"nics\s", result.Out);
    }

    [Fact]
    public async Task Vm_show_lists_the_networks_of_a_vms_nics()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/vms/vm-2", 200, Json.StoppedVm.Replace("}", ""","nics":[{"network":"vm-net"},{"network":"backup"}]}""", StringComparison.Ordinal));

        var result = await ShellRunner.RunAsync(server, "vm", "show", "vm-2");

        Assert.Matches(@"nics\s+vm-net, backup", result.Out);
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
        Assert.Matches(@"name\s+db-1", show.Out);
        Assert.Matches(@"power\s+Stopped", show.Out);
        Assert.DoesNotContain("vm-1", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_status_summarizes_and_inventory_adds_the_hosts_and_VMs()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster", 200, Json.Cluster);

        var status = await ShellRunner.RunAsync(server, "cluster", "status");
        var show = await ShellRunner.RunAsync(server, "cluster", "inventory");

        Assert.Matches(@"cluster\s+c-1", status.Out);
        Assert.Matches(@"vms\s+2 \(1 Running, 1 Stopped\)", status.Out);
        Assert.Matches(@"cpu MHz\s+used 0, reserved 4000 / 52000", status.Out);
        Assert.Matches(@"memory MB\s+used 0, reserved 8192 / 262144", status.Out);
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

namespace Cluster.Shell.Tests;

// host maintenance enter|exit and a queued vm migrate, over real HTTP against canned answers (see CannedServer).
public sealed class MaintenanceCommandTests
{
    [Fact]
    public async Task A_queued_migrate_prints_the_request_and_says_it_is_queued_and_why()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-0003/migrate", 202, Json.QueuedMigration);

        var result = await ShellRunner.RunAsync(server, "vm", "migrate", "vm-0003");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"mig-0003\s+vm-0003\s+h-1\s+-\s+Requested", result.Out);
        Assert.Contains("queued: mig-0003 starts when the migration limits leave room", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enter_posts_to_the_hosts_maintenance_and_prints_how_the_evacuation_goes()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/hosts/h-1/maintenance", 202, Json.EnteringMaintenanceHost);

        var result = await ShellRunner.RunAsync(server, "host", "maintenance", "enter", "h-1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"state\s+EnteringMaintenance", result.Out);
        Assert.Matches(@"maintenance\s+entering maintenance: 1 VM\(s\) left on it, 1 migrating", result.Out);
    }

    [Fact]
    public async Task Enter_with_wait_follows_the_host_until_it_is_in_maintenance()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/hosts/h-1/maintenance", 202, Json.EnteringMaintenanceHost).On("GET /api/hosts/h-1", 200, Json.MaintenanceHost);

        var result = await ShellRunner.RunAsync(server, "host", "maintenance", "enter", "h-1", "--wait");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"state\s+Maintenance", result.Out);
        Assert.Equal(["POST /api/hosts/h-1/maintenance", "GET /api/hosts/h-1"], server.Seen.Select(s => $"{s.Method} {s.PathAndQuery}"));
    }

    [Fact]
    public async Task Enter_with_wait_stops_with_exit_1_when_the_evacuation_is_blocked()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/hosts/h-1/maintenance", 202, Json.BlockedHost);

        var result = await ShellRunner.RunAsync(server, "host", "maintenance", "enter", "h-1", "--wait");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("blocked: host h-1 cannot finish entering maintenance", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_deletes_the_hosts_maintenance_and_a_refusal_shows_the_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("DELETE /api/hosts/h-1/maintenance", 200, Json.Host).On("DELETE /api/hosts/h-2/maintenance", 409, Json.Error("host h-2 is Normal, not in maintenance", "hostId", "host h-2 is Normal, not in maintenance"));

        var done = await ShellRunner.RunAsync(server, "host", "maintenance", "exit", "h-1");
        var refused = await ShellRunner.RunAsync(server, "host", "maintenance", "exit", "h-2");

        Assert.Equal(ExitCodes.Ok, done.ExitCode);
        Assert.Matches(@"state\s+Normal", done.Out);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("host h-2 is Normal, not in maintenance", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_other_than_enter_or_exit_is_a_usage_error_naming_it()
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, "host", "maintenance", "start", "h-1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("host maintenance: enter|exit must be enter or exit, got 'start'", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
    }
}

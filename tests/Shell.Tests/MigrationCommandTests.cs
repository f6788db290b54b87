using System.Text.Json;

namespace Cluster.Shell.Tests;

// vm migrate and the migration palette over real HTTP against canned answers (see CannedServer).
public sealed class MigrationCommandTests
{
    [Theory]
    [InlineData(new[] { "vm", "migrate", "vm-0001", "--host", "h-2" }, "h-2")]
    [InlineData(new[] { "vm", "migrate", "vm-0001" }, null)]
    public async Task Migrate_posts_the_target_host_or_leaves_it_to_placement_and_prints_the_migration(string[] args, string? host)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-0001/migrate", 202, Json.Migration);

        var result = await ShellRunner.RunAsync(server, args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"mig-0001\s+vm-0001\s+h-1\s+h-2\s+Transferring", result.Out);
        var sent = Assert.Single(server.Seen);
        Assert.Equal("application/json", sent.ContentType?.Split(';')[0]);
        Assert.Equal(host, JsonDocument.Parse(sent.Body).RootElement.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Migrate_with_a_datastore_posts_it_and_the_migration_shows_the_datastores_and_what_the_mirror_has_left()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-0001/migrate", 202, Json.StorageMigration);

        var result = await ShellRunner.RunAsync(server, "vm", "migrate", "vm-0001", "--datastore", "ds-2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"mig-0003\s+vm-0001\s+ds-1\s+ds-2\s+Mirroring\s+-\s+20480 MB", result.Out);
        var body = JsonDocument.Parse(Assert.Single(server.Seen).Body).RootElement;
        Assert.Equal("ds-2", body.GetProperty("datastore").GetString());
    }

    [Fact]
    public async Task Show_names_a_storage_migrations_kind_and_datastores()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations/mig-0003", 200, Json.StorageMigration);

        var result = await ShellRunner.RunAsync(server, "migration", "show", "mig-0003");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"kind\s+Storage", result.Out);
        Assert.Matches(@"datastores\s+ds-1 -> ds-2", result.Out);
        Assert.Contains("disk mirror: 20480 MB not yet in sync", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_with_a_host_and_a_datastore_posts_both_and_shows_the_hosts_and_what_the_mirror_has_left()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-0001/migrate", 202, Json.SharedNothingMigration);

        var result = await ShellRunner.RunAsync(server, "vm", "migrate", "vm-0001", "--host", "h-2", "--datastore", "ds-2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"mig-0004\s+vm-0001\s+h-1\s+h-2\s+Mirroring\s+-\s+10240 MB", result.Out);
        var body = JsonDocument.Parse(Assert.Single(server.Seen).Body).RootElement;
        Assert.Equal(("h-2", "ds-2"), (body.GetProperty("host").GetString(), body.GetProperty("datastore").GetString()));
    }

    [Fact]
    public async Task A_stopped_vm_moved_to_a_host_is_refused_saying_it_runs_nowhere_and_its_disks_move_with_a_datastore()
    {
        const string why = "VM vm-0002 is Stopped: a stopped VM runs on no host, so there is nothing to move to h-2; starting it places it (vm start), and --datastore alone moves its disks (cold migration)";
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-0002/migrate", 409, Json.Error(why, "host", why));

        var refused = await ShellRunner.RunAsync(server, "vm", "migrate", "vm-0002", "--host", "h-2");
        server.On("POST /api/vms/vm-0002/migrate", 202, Json.ColdMigration);
        var cold = await ShellRunner.RunAsync(server, "vm", "migrate", "vm-0002", "--datastore", "ds-2");

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Equal($"error: 409 Conflict: {why}" + Environment.NewLine, refused.Error);
        Assert.Equal(ExitCodes.Ok, cold.ExitCode);
        Assert.Matches(@"mig-0005\s+vm-0002\s+ds-1\s+ds-2\s+Copying\s+-\s+30720 MB", cold.Out);
    }

    [Fact]
    public async Task Show_names_a_cold_migrations_datastores_and_what_the_copy_has_left()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations/mig-0005", 200, Json.ColdMigration);

        var result = await ShellRunner.RunAsync(server, "migration", "show", "mig-0005");

        Assert.Matches(@"kind\s+Cold", result.Out);
        Assert.Matches(@"datastores\s+ds-1 -> ds-2", result.Out);
        Assert.Contains("disk copy: 30720 MB not yet copied", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "vm", "migrate", "vm-0001", "--datastore", " " }, "vm migrate: --datastore must name a datastore")]
    [InlineData(new[] { "vm", "migrate", "vm-0001", "--host", " " }, "vm migrate: --host must name a host")]
    [InlineData(new[] { "vm", "migrate", "vm-0001", "--host" }, "vm migrate: --host needs a value (HOST)")]
    [InlineData(new[] { "vm", "migrate" }, "vm migrate: missing argument <id>")]
    [InlineData(new[] { "migration", "cancel" }, "migration cancel: missing argument <id>")]
    [InlineData(new[] { "migration", "list", "--all" }, "migration list: unknown option --all")]
    public async Task A_bad_migration_command_line_is_a_usage_error_and_sends_nothing(string[] args, string message)
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains($"usage: {args[0]} {args[1]}", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task List_shows_progress_and_the_last_change_or_dashes_before_any_report()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations", 200, $"[{Json.Migration},{Json.RolledBackMigration}]");

        var result = await ShellRunner.RunAsync(server, "migration", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"ID\s+VM\s+FROM\s+TO\s+PHASE\s+PASSES\s+REMAINING\s+REASON/LAST CHANGE", result.Out);
        Assert.Matches(@"mig-0001\s+vm-0001\s+h-1\s+h-2\s+Transferring\s+3\s+512 MB\s+h-1 sends 4096 MB", result.Out);
        Assert.Matches(@"mig-0002\s+vm-0002\s+h-2\s+h-3\s+RolledBack\s+-\s+-\s+h-3 did not prepare the incoming VM within 30 s", result.Out);
    }

    [Fact]
    public async Task List_fits_an_80_column_terminal_with_only_the_last_change_wrapping()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations", 200, $"[{Json.Migration},{Json.RolledBackMigration}]");

        var result = await new ShellRunner(width: 80).RunArgsAsync("--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "migration", "list");

        var lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Matches(@"mig-0002\s+vm-0002\s+h-2\s+h-3\s+RolledBack\s+-\s+-\s+h-3 did", result.Out);
        Assert.Contains("30 s", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_one_migration_in_full_with_the_sources_progress()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations/mig-0001", 200, Json.Migration).On("GET /api/migrations/mig-0002", 200, Json.RolledBackMigration);

        var open = await ShellRunner.RunAsync(server, "migration", "show", "mig-0001");
        var ended = await ShellRunner.RunAsync(server, "migration", "show", "mig-0002");

        Assert.Matches(@"phase\s+Transferring", open.Out);
        Assert.Matches(@"admitted\s+2025-01-02 03:04:05Z", open.Out);
        Assert.Contains("pass 3, 512 MB left, dirtying 120.5 MiB/s, throttle 20 %", open.Out, StringComparison.Ordinal);
        Assert.Matches(@"progress\s+none reported", ended.Out);
        Assert.Matches(@"downtime\s+-", open.Out);
    }

    [Fact]
    public async Task Show_prints_a_completed_migrations_downtime_and_transfer_time()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations/mig-0003", 200, Json.CompletedMigration);

        var result = await ShellRunner.RunAsync(server, "migration", "show", "mig-0003");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"downtime\s+180 ms", result.Out);
        Assert.Matches(@"transfer time\s+7400 ms", result.Out);
    }

    [Fact]
    public async Task Cancel_is_sent_as_application_json_prints_the_rolled_back_migration_and_a_late_one_is_refused_with_the_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/migrations/mig-0002/cancel", 200, Json.RolledBackMigration)
            .On("POST /api/migrations/mig-0001/cancel", 409, Json.Error("too late to cancel: the migration is SwitchingOver", "migrationId", "too late to cancel: the migration is SwitchingOver"));

        var cancelled = await ShellRunner.RunAsync(server, "migration", "cancel", "mig-0002");
        var late = await ShellRunner.RunAsync(server, "migration", "cancel", "mig-0001");

        Assert.Equal(ExitCodes.Ok, cancelled.ExitCode);
        Assert.All(server.Seen, seen => Assert.Equal("application/json", seen.ContentType?.Split(';')[0]));
        Assert.Matches(@"mig-0002\s+vm-0002\s+h-2\s+h-3\s+RolledBack", cancelled.Out);
        Assert.Equal(ExitCodes.Refused, late.ExitCode);
        Assert.Equal("error: 409 Conflict: too late to cancel: the migration is SwitchingOver" + Environment.NewLine, late.Error);
    }

    [Fact]
    public async Task Json_output_is_the_server_body_unchanged()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/migrations", 200, $"[{Json.Migration}]");

        var result = await ShellRunner.RunAsync(server, "--output", "json", "migration", "list");

        Assert.Equal($"[{Json.Migration}]" + Environment.NewLine, result.Out);
    }
}

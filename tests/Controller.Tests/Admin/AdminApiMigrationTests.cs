using System.Net;
using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// POST /api/vms/{id}/migrate and /api/migrations against a scripted VRM (see ScriptedVrm).
public sealed class AdminApiMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly MigrationId Open = MigrationId.From("mig-0001");

    private static readonly MigrationId Late = MigrationId.From("mig-0002");

    private static MigrationView Migration(MigrationId id, MigrationPhase phase = MigrationPhase.Admitted, string? lastChange = null) =>
        new(id, VmId.From("vm-1"), HostId.From("h-1"), HostId.From("h-2"), phase, "requested by an operator", T0, lastChange);

    /// <summary>mig-0001 can still be cancelled (and is RolledBack once it was), mig-0002 is switching over, nothing else exists.</summary>
    private static Func<object, object?> Vrm()
    {
        var cancelled = false;
        MigrationCancelAnswer Cancel()
        {
            cancelled = true;
            return new MigrationCancelAnswer(Open, true, "rolled back; the VM runs on its source");
        }

        return message => message switch
        {
            MigrateVm { VmId.Value: "vm-1" } migrate when migrate.Host == HostId.From("h-9") => AdminFailure.NotFound("host", "host h-9"),
            MigrateVm { VmId.Value: "vm-1" } => Migration(Open),
            MigrateVm => AdminFailure.Conflict("vmId", "VM vm-2 is Stopped; only a running VM is moved live"),
            ListMigrations => new MigrationList([Migration(Open), Migration(Late, MigrationPhase.SwitchingOver)]),
            GetMigration { MigrationId.Value: "mig-0001" } => cancelled ? Migration(Open, MigrationPhase.RolledBack, "cancelled by an operator") : Migration(Open),
            MigrationCancelRequested { MigrationId.Value: "mig-0001" } => Cancel(),
            MigrationCancelRequested { MigrationId.Value: "mig-0002" } => new MigrationCancelAnswer(Late, false, "too late to cancel: the migration is SwitchingOver"),
            GetMigration or MigrationCancelRequested => AdminFailure.NotFound("migrationId", "migration"),
            _ => null,
        };
    }

    [Fact]
    public async Task A_migrate_without_a_body_lets_placement_pick_and_answers_202_with_where_to_follow_it()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var response = await host.PostAsync("/api/vms/vm-1/migrate");

        var migration = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(("mig-0001", "Admitted", "h-2"), (migration.Str("migrationId"), migration.Str("phase"), migration.Str("target")));
        Assert.Equal("/api/migrations/mig-0001", response.Headers.Location?.OriginalString);
        Assert.Equal(new MigrateVm(VmId.From("vm-1"), null), Assert.Single(host.Received));
    }

    [Theory]
    [InlineData("""{"host":"h-2"}""", "h-2")]
    [InlineData("""{"host":null}""", null)]
    [InlineData("{}", null)]
    public async Task A_migrate_body_names_the_target_host_or_leaves_it_to_placement(string body, string? target)
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/migrate", body), HttpStatusCode.Accepted);

        var sent = Assert.IsType<MigrateVm>(Assert.Single(host.Received));
        Assert.Equal(target, sent.Host?.Value);
    }

    [Fact]
    public async Task A_migrate_body_with_only_a_datastore_asks_for_a_storage_migration_and_the_view_shows_its_kind()
    {
        await using var host = await AdminApiHost.StartAsync(message => message is MigrateVm
            ? Migration(Open) with { Kind = MigrationKind.Storage, Target = HostId.From("h-1"), FromDatastore = DatastoreId.From("ds-1"), Datastore = DatastoreId.From("ds-2") }
            : null);

        var migration = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/migrate", """{"datastore":"ds-2"}"""), HttpStatusCode.Accepted);

        Assert.Equal(new MigrateVm(VmId.From("vm-1"), null, Datastore: DatastoreId.From("ds-2")), Assert.Single(host.Received));
        Assert.Equal(("Storage", "ds-1", "ds-2"), (migration.Str("kind"), migration.Str("fromDatastore"), migration.Str("datastore")));
    }

    [Fact]
    public async Task A_migrate_body_with_a_host_and_a_datastore_asks_for_a_shared_nothing_move()
    {
        await using var host = await AdminApiHost.StartAsync(message => message is MigrateVm
            ? Migration(Open) with { Kind = MigrationKind.SharedNothing, FromDatastore = DatastoreId.From("ds-1"), Datastore = DatastoreId.From("ds-2") }
            : null);

        var migration = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/migrate", """{"host":"h-2","datastore":"ds-2"}"""), HttpStatusCode.Accepted);

        Assert.Equal(new MigrateVm(VmId.From("vm-1"), HostId.From("h-2"), Datastore: DatastoreId.From("ds-2")), Assert.Single(host.Received));
        Assert.Equal(("SharedNothing", "h-2", "ds-2"), (migration.Str("kind"), migration.Str("target"), migration.Str("datastore")));
    }

    [Fact]
    public async Task A_stopped_vm_moved_to_a_host_is_a_409_naming_the_host_and_to_a_datastore_a_cold_migration()
    {
        await using var host = await AdminApiHost.StartAsync(message => message switch
        {
            MigrateVm { Host: not null } => AdminFailure.Conflict("host", "VM vm-3 is Stopped: a stopped VM runs on no host, so there is nothing to move to h-2; starting it places it (vm start), and --datastore alone moves its disks (cold migration)"),
            MigrateVm => Migration(Open, MigrationPhase.Admitted) with { Kind = MigrationKind.Cold, Target = HostId.From("h-1"), FromDatastore = DatastoreId.From("ds-1"), Datastore = DatastoreId.From("ds-2") },
            _ => null,
        });

        var refused = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-3/migrate", """{"host":"h-2"}"""), HttpStatusCode.Conflict, "host");
        var cold = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-3/migrate", """{"datastore":"ds-2"}"""), HttpStatusCode.Accepted);

        Assert.Contains("a stopped VM runs on no host", refused, StringComparison.Ordinal);
        Assert.Equal(("Cold", "ds-1", "ds-2"), (cold.Str("kind"), cold.Str("fromDatastore"), cold.Str("datastore")));
    }

    [Theory]
    [InlineData("""{"target":"h-2"}""", "target", "is not a known field (known: host, datastore)")]
    [InlineData("""{"datastore":""}""", "datastore", "must be a non-empty string")]
    [InlineData("""{"host":""}""", "host", "must be a non-empty string")]
    [InlineData("""{"host":7}""", "host", "must be a non-empty string")]
    [InlineData("""{"host":"h-2",""", "body", "is not valid JSON")]
    [InlineData("null", "body", "must be a JSON object")]
    public async Task A_bad_migrate_body_is_a_400_naming_the_field_and_asks_nothing(string body, string field, string reason)
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var got = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/migrate", body), HttpStatusCode.BadRequest, field);

        Assert.StartsWith(reason, got, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task The_vrms_refusals_of_a_migrate_keep_their_status_and_field()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var stopped = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-2/migrate"), HttpStatusCode.Conflict, "vmId");
        await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/migrate", """{"host":"h-9"}"""), HttpStatusCode.NotFound, "host");

        Assert.Contains("only a running VM is moved live", stopped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_every_migration_the_vrm_reports_in_its_order()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var list = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/migrations", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(["mig-0001", "mig-0002"], list.EnumerateArray().Select(m => m.Str("migrationId")));
        Assert.Equal("SwitchingOver", list[1].Str("phase"));
        Assert.Equal(new ListMigrations(), Assert.Single(host.Received));
    }

    [Fact]
    public async Task One_migration_by_id_and_an_unknown_or_blank_one_is_refused()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var migration = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/migrations/mig-0001", UriKind.Relative)), HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/migrations/mig-0404", UriKind.Relative)), HttpStatusCode.NotFound, "migrationId");
        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/migrations/%20", UriKind.Relative)), HttpStatusCode.BadRequest, "id");

        Assert.Equal("vm-1", migration.Str("vmId"));
    }

    [Fact]
    public async Task A_cancel_in_time_answers_the_migration_as_it_stands_after_it()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var migration = await HttpAssert.JsonAsync(await host.PostAsync("/api/migrations/mig-0001/cancel"), HttpStatusCode.OK);

        Assert.Equal(("RolledBack", "cancelled by an operator"), (migration.Str("phase"), migration.Str("lastChange")));
        Assert.Equal([new MigrationCancelRequested(Open), new GetMigration(Open)], host.Received.ToArray());
    }

    [Fact]
    public async Task A_cancel_too_late_is_a_409_with_the_sagas_reason_and_an_unknown_one_404()
    {
        await using var host = await AdminApiHost.StartAsync(Vrm());

        var late = await HttpAssert.ProblemAsync(await host.PostAsync("/api/migrations/mig-0002/cancel"), HttpStatusCode.Conflict);
        await HttpAssert.ErrorAsync(await host.PostAsync("/api/migrations/mig-0404/cancel"), HttpStatusCode.NotFound, "migrationId");

        Assert.Equal("too late to cancel: the migration is SwitchingOver", late.Str("detail"));
        Assert.Equal("migrationId", late.GetProperty("errors")[0].Str("field"));
    }
}

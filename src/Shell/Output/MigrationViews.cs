using System.Globalization;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>
/// How migrations look: one row per migration, or one migration in full. A storage or cold migration's FROM and TO are the
/// datastores its disks move between (its host stays, or copies), and its REMAINING is what the disk mirror (or copy) has
/// not yet in sync; a shared-nothing migration's are the hosts, its REMAINING the mirror's until the memory moves.
/// </summary>
public static class MigrationViews
{
    /// <summary>
    /// Eight columns in 80: boxed like the other tables they would leave the last column four characters, so this
    /// table is drawn without borders (as kubectl and docker print theirs), every column but the last kept on one
    /// line, and the last one wrapping into what is left.
    /// </summary>
    public static void Migrations(IAnsiConsole console, IReadOnlyList<MigrationView> migrations)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(migrations);
        var table = new Table().Border(TableBorder.None).AddColumns("ID", "VM", "FROM", "TO", "PHASE", "PASSES", "REMAINING", "REASON/LAST CHANGE");
        foreach (var column in table.Columns)
        {
            column.Padding(0, 0, 2, 0);
        }

        foreach (var column in table.Columns.SkipLast(1))
        {
            column.NoWrap();
        }

        foreach (var m in migrations)
        {
            var storage = m.Kind is MigrationKind.Storage or MigrationKind.Cold;
            var remainingMb = storage ? m.MirrorRemainingMb : m.RemainingMb ?? m.MirrorRemainingMb;
            table.AddRow(
                Esc(m.MigrationId.Value),
                Esc(m.VmId.Value),
                Esc(storage ? m.FromDatastore?.Value ?? "-" : m.Source.Value),
                Esc(storage ? m.Datastore?.Value ?? "-" : m.Target?.Value ?? "-"),
                m.Phase.ToString(),
                m.Passes is { } passes ? Num(passes) : "-",
                remainingMb is { } remaining ? $"{Num(remaining)} MB" : "-",
                Esc(m.LastChange ?? m.Reason));
        }

        console.Write(table);
    }

    public static void Migration(IAnsiConsole console, MigrationView migration)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(migration);
        Migrations(console, [migration]);
        if (migration.Phase == MigrationPhase.Requested)
        {
            console.WriteLine($"queued: {migration.MigrationId} starts when the migration limits leave room ({migration.LastChange}); follow it with migration show {migration.MigrationId}");
        }
    }

    public static void Detail(IAnsiConsole console, MigrationView migration)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(migration);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("migration", Esc(migration.MigrationId.Value));
        grid.AddRow("vm", Esc(migration.VmId.Value));
        grid.AddRow("kind", migration.Kind.ToString());
        grid.AddRow("from", Esc(migration.Source.Value));
        grid.AddRow("to", Esc(migration.Target?.Value ?? "placement picks at admission"));
        if (migration.Datastore is { } datastore)
        {
            grid.AddRow("datastores", Esc($"{migration.FromDatastore?.Value ?? "-"} -> {datastore.Value}"));
        }

        grid.AddRow("phase", migration.Phase.ToString());
        grid.AddRow("reason", Esc(migration.Reason));
        if (migration.Priority is { } priority)
        {
            grid.AddRow("priority", priority.ToString());
        }

        grid.AddRow(migration.Phase == MigrationPhase.Requested ? "requested" : "admitted", migration.AdmittedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        grid.AddRow("last change", Esc(migration.LastChange ?? "-"));
        grid.AddRow("progress", Esc(Progress(migration)));
        grid.AddRow("downtime", Milliseconds(migration.DowntimeMs));
        grid.AddRow("transfer time", Milliseconds(migration.TotalMs));
        console.Write(grid);
    }

    /// <summary>The source's last report; the VRM keeps it only while the migration is open.</summary>
    private static string Progress(MigrationView m) => m.Kind is MigrationKind.Storage or MigrationKind.Cold || (m.Passes is null && m.MirrorRemainingMb is not null)
        ? m.MirrorRemainingMb is { } left ? $"{(m.Kind == MigrationKind.Cold ? "disk copy" : "disk mirror")}: {Num(left)} MB not yet {(m.Kind == MigrationKind.Cold ? "copied" : "in sync")}" : "none reported"
        : m.Passes is null
        ? "none reported"
        : string.Create(CultureInfo.InvariantCulture, $"pass {m.Passes}, {m.RemainingMb} MB left, dirtying {m.DirtyRateMiBPerSecond:0.#} MiB/s, throttle {m.ThrottlePercent} %");

    /// <summary>Reported by the source once its transfer completed; "-" before, or when a migration never got that far.</summary>
    private static string Milliseconds(long? ms) => ms is { } value ? $"{Num(value)} ms" : "-";

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}

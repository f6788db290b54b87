using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>How each admin DTO looks as a table. Values are escaped: names come from users and must not be read as markup.</summary>
public static class Views
{
    public static void Hosts(IAnsiConsole console, IReadOnlyList<HostView> hosts)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(HostsTable(hosts));
    }

    public static Table HostsTable(IReadOnlyList<HostView> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        // Used is what the host reports in heartbeats; reserved is what placed VMs reserve, of the capacity.
        var table = new Table().AddColumns("HOST", "ADDRESS", "STATE", "CPU USED MHz", "CPU RESERVED MHz", "MEM USED MB", "MEM RESERVED MB", "VMS", "DATASTORES");
        foreach (var h in hosts)
        {
            table.AddRow(
                Esc(h.HostId.Value),
                Esc(h.Address),
                h.State.ToString(),
                h.Used is { } cpuUsed ? Num(cpuUsed.CpuMhz) : "-",
                Ratio(h.Allocated.CpuMhz, h.Capacity.CpuMhz),
                h.Used is { } memoryUsed ? Num(memoryUsed.MemoryMb) : "-",
                Ratio(h.Allocated.MemoryMb, h.Capacity.MemoryMb),
                Num(h.VmCount),
                Esc(DatastoresText(h.Datastores)));
        }

        return table;
    }

    /// <summary>
    /// The host table of <c>cluster watch</c>: one line per host in an 80-column terminal, so a 24-line window shows a
    /// whole small cluster. It leaves out the agent's address (over 40 characters, it wrapped to seven lines there) and
    /// the datastores, which <c>host list</c> shows; units are in the headers.
    /// </summary>
    public static Table HostsCompactTable(IReadOnlyList<HostView> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var table = new Table().AddColumns("HOST", "STATE", "CPU MHz", "CPU RSVD", "MEM MB", "MEM RSVD", "VMS");
        foreach (var column in table.Columns)
        {
            column.NoWrap();
        }

        foreach (var h in hosts)
        {
            table.AddRow(
                Esc(h.HostId.Value),
                h.State.ToString(),
                h.Used is { } cpuUsed ? Num(cpuUsed.CpuMhz) : "-",
                Ratio(h.Allocated.CpuMhz, h.Capacity.CpuMhz),
                h.Used is { } memoryUsed ? Num(memoryUsed.MemoryMb) : "-",
                Ratio(h.Allocated.MemoryMb, h.Capacity.MemoryMb),
                Num(h.VmCount));
        }

        return table;
    }

    public static void Host(IAnsiConsole console, HostView host) => Hosts(console, [host]);

    /// <summary>"ds-1 ok, ds-2 unreachable"; "-" when the controller has not said.</summary>
    public static string DatastoresText(IReadOnlyList<DatastoreHealth>? datastores) =>
        datastores is null or { Count: 0 } ? "-" : string.Join(", ", datastores.Select(d => $"{d.Datastore} {(d.Reachable ? "ok" : "unreachable")}"));

    public static void Vms(IAnsiConsole console, IReadOnlyList<VmView> vms)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(VmsTable(vms));
    }

    public static Table VmsTable(IReadOnlyList<VmView> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        var table = new Table().AddColumns("VM", "NAME", "POWER", "HOST", "VCPUS", "MEMORY (MB)", "HA", "PRIORITY");
        foreach (var v in vms)
        {
            table.AddRow(Esc(v.VmId.Value), Esc(v.Name), v.PowerState.ToString(), Esc(v.Host?.Value ?? "-"), Num(v.Vcpus), Num(v.MemoryMb), v.HaEnabled ? "on" : "off", v.RestartPriority.ToString());
        }

        return table;
    }

    public static void Vm(IAnsiConsole console, VmView vm) => Vms(console, [vm]);

    public static void Status(IAnsiConsole console, ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(StatusGrid(status));
    }

    public static Grid StatusGrid(ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("cluster", Esc(status.ClusterId.Value));
        grid.AddRow("epoch", Num(status.Epoch));
        // Used is what the hosts last reported; reserved is what placed VMs take by the planners' accounting (CPU
        // reservations, full memory), of the Normal hosts' capacity.
        var used = status.Hosts.Aggregate(Resources.Zero, (sum, h) => sum + (h.Used ?? Resources.Zero));
        grid.AddRow("cpu MHz", $"used {Num(used.CpuMhz)}, reserved {Ratio(status.Allocated.CpuMhz, status.Capacity.CpuMhz)}");
        grid.AddRow("memory MB", $"used {Num(used.MemoryMb)}, reserved {Ratio(status.Allocated.MemoryMb, status.Capacity.MemoryMb)}");
        grid.AddRow("hosts", Counts(status.Hosts.Count, status.Hosts.GroupBy(h => h.State.ToString())));
        grid.AddRow("vms", Counts(status.Vms.Count, status.Vms.GroupBy(v => v.PowerState.ToString())));
        return grid;
    }

    public static void Inventory(IAnsiConsole console, ClusterStatus status)
    {
        Status(console, status);
        Hosts(console, status.Hosts);
        Vms(console, status.Vms);
    }

    public static void Leader(IAnsiConsole console, LeaderView leader)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(leader);
        if (!leader.IsActive && leader.Holder.Length == 0)
        {
            // A standby that has not seen a live lease: better to say so than to guess; membership may still know.
            console.Profile.Out.Writer.WriteLine(leader.SingletonAt is { } at
                ? $"standby; lease holder not seen yet; the VRM singleton runs at {at}"
                : "standby; active controller unknown");
            return;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("holder", Esc(leader.Holder));
        grid.AddRow("epoch", Num(leader.Epoch));
        grid.AddRow("active", leader.IsActive ? "yes" : "no (this controller is a standby)");
        if (leader.SingletonAt is { } singletonAt)
        {
            grid.AddRow("vrm singleton", Esc(singletonAt));
        }

        console.Write(grid);
    }

    public static void Events(IAnsiConsole console, IReadOnlyList<JournalEventRow> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().AddColumns("#", "CREATED", "PERSISTENCE ID", "SEQ", "MANIFEST", "EVENT");
        // Only the event wraps on a narrow terminal; the short columns stay readable on one line.
        foreach (var column in table.Columns.Take(5))
        {
            column.NoWrap();
        }

        foreach (var r in rows)
        {
            table.AddRow(Num(r.Ordering), Time(r.Created), Esc(r.PersistenceId), Num(r.SequenceNr), Esc(r.Manifest), Esc(EventText(r)));
        }

        console.Write(table);
    }

    /// <summary>Recent events, compactly: the event text is cut to <paramref name="maxEventLength"/> characters.</summary>
    public static Table RecentEventsTable(IEnumerable<JournalEventRow> rows, int maxEventLength)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().AddColumns("#", "TIME", "EVENT", "DETAIL");
        foreach (var r in rows)
        {
            var text = EventText(r);
            text = text.Length > maxEventLength ? text[..maxEventLength] + "..." : text;
            table.AddRow(Num(r.Ordering), r.Created.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture), Esc(r.Manifest), Esc(text));
        }

        return table;
    }

    /// <summary>One row per line, for --follow, where a table could not grow.</summary>
    public static string EventLine(JournalEventRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"#{row.Ordering} {Time(row.Created)} {row.PersistenceId}/{row.SequenceNr} {row.Manifest} {EventText(row)}";
    }

    /// <summary>The event's JSON as people read it: the server's escapes (\u002B in a time zone, \u0027) written as the characters.</summary>
    private static string EventText(JournalEventRow row)
    {
        if (row.Event is not { } element)
        {
            return "(undecodable)";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Ratio(long used, long capacity) => $"{Num(used)} / {Num(capacity)}";

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Counts(int total, IEnumerable<IGrouping<string, object>> groups)
    {
        var parts = groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return total == 0 ? "0" : $"{Num(total)} ({string.Join(", ", parts)})";
    }

    private static string Esc(string text) => Markup.Escape(text);
}

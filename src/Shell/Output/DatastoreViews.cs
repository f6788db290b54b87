using System.Globalization;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>How datastores look: one row each (capacity, provisioned, in use, free, hosts, VMs), or one in full.</summary>
public static class DatastoreViews
{
    public static void Datastores(IAnsiConsole console, IReadOnlyList<DatastoreView> datastores)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(datastores);
        var table = new Table().AddColumns("DATASTORE", "CAPACITY GB", "PROVISIONED GB", "IN USE GB", "FREE GB", "HOSTS", "VMS");
        foreach (var d in datastores)
        {
            table.AddRow(
                Esc(d.DatastoreId.Value),
                Capacity(d),
                Num(d.ProvisionedGb),
                Num(d.InUseGb),
                Num(d.FreeGb),
                $"{d.Hosts.Count(h => h.Reachable)}/{d.Hosts.Count} reach",
                Num(d.Vms.Count));
        }

        console.Write(table);
    }

    public static void Detail(IAnsiConsole console, DatastoreView datastore)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(datastore);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("datastore", Esc(datastore.DatastoreId.Value));
        grid.AddRow("name", Esc(datastore.Name));
        grid.AddRow("capacity GB", Capacity(datastore));
        grid.AddRow("provisioned GB", $"{Num(datastore.ProvisionedGb)} (all VMs' disks)");
        grid.AddRow("in use GB", $"{Num(datastore.InUseGb)} (disks of VMs that hold resources; starts are checked against this)");
        grid.AddRow("free GB", Num(datastore.FreeGb));
        grid.AddRow("hosts", Esc(datastore.Hosts.Count == 0 ? "-" : string.Join(", ", datastore.Hosts.Select(Host))));
        grid.AddRow("vms", Esc(datastore.Vms.Count == 0 ? "-" : string.Join(", ", datastore.Vms.Select(v => $"{v.VmId} {v.Name} {v.PowerState} {v.DiskGb} GB"))));
        console.Write(grid);
    }

    private static string Host(DatastoreHostView h) =>
        $"{h.HostId} {h.State} {(h.Reachable ? "ok" : "unreachable")}{(h.Problem is null ? string.Empty : $" ({h.Problem})")}";

    /// <summary>"10240", or "10240 x 1.5 = 15360" when thin provisioning goes beyond the capacity.</summary>
    private static string Capacity(DatastoreView d) =>
        d.Overcommit == 1.0 ? Num(d.CapacityGb) : string.Create(CultureInfo.InvariantCulture, $"{d.CapacityGb} x {d.Overcommit:0.##} = {d.ProvisionableGb}");

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}

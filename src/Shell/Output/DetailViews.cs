using System.Globalization;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>One host or one VM in full, as a two-column grid (host show, vm show).</summary>
public static class DetailViews
{
    public static void Host(IAnsiConsole console, HostView host)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(host);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("host", Esc(host.HostId.Value));
        grid.AddRow("address", Esc(host.Address));
        grid.AddRow("state", host.State.ToString());
        if (host.Hardware is { } hw)
        {
            grid.AddRow("hardware", Esc(string.Create(CultureInfo.InvariantCulture, $"{hw.Sockets} sockets x {hw.CoresPerSocket} cores x {hw.ThreadsPerCore} threads at {hw.ClockMhz} MHz, {hw.MemoryMb} MB ({hw.ReservedVcpus} vCPUs and {hw.ReservedMemoryMb} MB kept for the host)")));
        }

        grid.AddRow("cpu MHz", Esc(Usage(host.Used?.CpuMhz, host.Allocated.CpuMhz, host.Capacity.CpuMhz)));
        grid.AddRow("memory MB", Esc(Usage(host.Used?.MemoryMb, host.Allocated.MemoryMb, host.Capacity.MemoryMb)));
        grid.AddRow("datastores", Esc(host.Datastores is null or { Count: 0 } ? "-" : string.Join(", ", host.Datastores.Select(d => d.Reachable ? $"{d.Datastore} ok" : $"{d.Datastore} unreachable{(d.Problem is null ? "" : $" ({d.Problem})")}"))));
        grid.AddRow("vms", Esc(host.Vms is null or { Count: 0 } ? "-" : string.Join(", ", host.Vms.Select(v => v.Value))));
        grid.AddRow("last heartbeat", host.LastHeartbeat is { } at ? Time(at) : "none since this controller started");
        if (host.Maintenance is { } maintenance)
        {
            grid.AddRow("maintenance", Esc(maintenance));
        }

        console.Write(grid);
    }

    public static void Vm(IAnsiConsole console, VmView vm)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(vm);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("vm", Esc(vm.VmId.Value));
        grid.AddRow("name", Esc(vm.Name));
        grid.AddRow("power", vm.PowerState.ToString());
        grid.AddRow("host", Esc(vm.Host?.Value ?? "-"));
        grid.AddRow("incarnation", Num(vm.Incarnation));
        grid.AddRow("size", Esc(string.Create(CultureInfo.InvariantCulture, $"{vm.Vcpus} vCPUs, {vm.MemoryMb} MB")));
        grid.AddRow("disks", Esc(vm.Disks is null or { Count: 0 } ? "-" : string.Join(", ", vm.Disks.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Datastore}:{d.SizeGb} GB")))));
        if (vm.Nics is { Count: > 0 } nics)
        {
            grid.AddRow("nics", Esc(string.Join(", ", nics.Select(n => n.Network))));
        }

        grid.AddRow("datastores", Esc(vm.Disks is null or { Count: 0 } ? "-" : string.Join(", ", vm.Disks.Select(d => d.Datastore.Value).Distinct(StringComparer.Ordinal))));
        grid.AddRow("cpu qos", Esc(Qos(vm.CpuQos, "MHz")));
        grid.AddRow("memory qos", Esc(Qos(vm.MemoryQos, "MB")));
        grid.AddRow("ha", $"{(vm.HaEnabled ? "enabled" : "disabled")}, restart priority {vm.RestartPriority}");
        grid.AddRow("host history", Esc(vm.HostHistory is null or { Count: 0 } ? "-" : string.Join("; ", vm.HostHistory.Select(v => $"{v.Host} #{Num(v.Incarnation)} since {(v.Since is { } since ? Time(since) : "?")}"))));
        console.Write(grid);
    }

    private static string Usage(long? used, long reserved, long capacity) =>
        string.Create(CultureInfo.InvariantCulture, $"used {(used is { } u ? Num(u) : "-")}, reserved {reserved} of {capacity}");

    private static string Qos(QosSpec? qos, string unit) => qos is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"shares {qos.Shares}, reservation {qos.Reservation} {unit}, limit {(qos.Limit is { } limit ? $"{limit} {unit}" : "none")}");

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}

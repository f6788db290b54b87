using System.Globalization;
using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The vm palette: VM inventory and lifecycle. The controller validates too; the shell checks only what it parses.</summary>
public static class VmCommands
{
    private static readonly ArgumentSpec Id = new("id", "the VM id, e.g. vm-0001");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("vm", "list", "every VM with its power state and host", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/vms", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListVmView, Views.Vms)),
        new("vm", "show", "one VM: disks, datastores, QoS, incarnation, HA settings, recent hosts", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("vms", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.VmView, DetailViews.Vm)),
        new("vm", "create", "define a new VM (it starts Stopped)", [],
        [
            new("--name", "lower-case letters, digits and '-'", "NAME", Required: true),
            new("--vcpus", "virtual CPUs", "N", Required: true),
            new("--memory-mb", "memory in MB", "MB", Required: true),
            new("--disk", "a disk on a datastore, repeatable", "DATASTORE:SIZE_GB", Required: true, Repeatable: true),
            new("--ha", "restart on another host if its host fails (default true)", "true|false"),
            new("--priority", "HA restart order (default medium)", "high|medium|low"),
        ], CreateAsync),
        new("vm", "start", "power a VM on", [Id], [], (ctx, args) =>
            VmAsync(ctx, ctx.Client.PostAsync(Paths.Item("vms", args.Argument("id"), "start"), null, ctx.Cancellation))),
        new("vm", "stop", "power a VM off (graceful unless --force)", [Id], [new("--force", "power off at once instead of a guest shutdown")], (ctx, args) =>
            VmAsync(ctx, ctx.Client.PostAsync(Paths.Item("vms", args.Argument("id"), args.Flag("--force") ? "stop?force=true" : "stop"), null, ctx.Cancellation))),
        new("vm", "delete", "remove a stopped VM from the inventory", [Id], [], (ctx, args) => DeleteRequest.RunAsync(ctx, "vms", args.Argument("id"), "deleted")),
        new("vm", "reconfigure", "change a VM's HA setting, priority, QoS, vCPUs, memory, disks or NICs; a running VM live (only additions)", [Id],
        [
            new("--ha", "restart on another host if its host fails", "true|false"),
            new("--priority", "HA restart order", "high|medium|low"),
            new("--cpu-qos", "CPU shares, reservation and optional limit in MHz", "SHARES:RESERVATION[:LIMIT]"),
            new("--memory-qos", "memory shares, reservation and optional limit in MB", "SHARES:RESERVATION[:LIMIT]"),
            new("--vcpus", "virtual CPUs (a running VM only gains them)", "N"),
            new("--memory-mb", "memory in MB (a running VM only gains it, by multiples of 128 MB)", "MB"),
            new("--disk", "grow disk INDEX (0 is the first) to SIZE_GB, repeatable; disks never shrink", "INDEX:SIZE_GB", Repeatable: true),
            new("--add-nic", "add a NIC on this network, repeatable", "NETWORK", Repeatable: true),
        ], ReconfigureAsync),
        new("vm", "migrate", "move a running VM live to another host, or only its disks with --datastore; 'migration list' follows it", [Id],
        [
            new("--host", "the target host (default: placement picks one)", "HOST"),
            new("--datastore", "move the VM's disks to this datastore while it runs on its host", "DATASTORE"),
        ], MigrateAsync),
    ];

    private static async Task<int> VmAsync(CommandContext ctx, Task<Http.ApiResponse> request) =>
        ctx.Output.Show(await request.ConfigureAwait(false), ClusterMessagesJsonContext.Default.VmView, Views.Vm);

    private static Task<int> CreateAsync(CommandContext ctx, ParsedArgs args)
    {
        // Parse everything before sending anything: a usage error must leave the cluster untouched.
        var request = new CreateVmRequest(
            args.Value("--name")!,
            args.Int("--vcpus", 0, min: 1),
            args.Long("--memory-mb", 0, min: 1),
            [.. args.Values("--disk").Select(d => Disk(args, d))],
            HaEnabled: args.Bool("--ha", fallback: true),
            RestartPriority: args.Enum("--priority", RestartPriority.Medium));
        var json = JsonSerializer.Serialize(request, ClusterMessagesJsonContext.Default.CreateVmRequest);
        return VmAsync(ctx, ctx.Client.PostAsync("/api/vms", json, ctx.Cancellation));
    }

    private static Task<int> ReconfigureAsync(CommandContext ctx, ParsedArgs args)
    {
        var request = new ReconfigureVmRequest(
            args.Value("--ha") is null ? null : args.Bool("--ha", fallback: true),
            args.Value("--priority") is null ? null : args.Enum("--priority", RestartPriority.Medium),
            Qos(args, "--cpu-qos"),
            Qos(args, "--memory-qos"),
            args.Value("--vcpus") is null ? null : args.Int("--vcpus", 0, min: 1),
            args.Value("--memory-mb") is null ? null : args.Long("--memory-mb", 0, min: 1),
            args.Values("--disk") is { Count: > 0 } disks ? [.. disks.Select(d => Growth(args, d))] : null,
            args.Values("--add-nic") is { Count: > 0 } nics ? [.. nics.Select(n => new VmNic(n))] : null);
        if (request.IsEmpty)
        {
            throw args.Bad("--ha", "or --priority, --cpu-qos, --memory-qos, --vcpus, --memory-mb, --disk, --add-nic: give at least one change");
        }

        var json = JsonSerializer.Serialize(request, ClusterMessagesJsonContext.Default.ReconfigureVmRequest);
        return VmAsync(ctx, ctx.Client.PostAsync(Paths.Item("vms", args.Argument("id"), "reconfigure"), json, ctx.Cancellation));
    }

    private static async Task<int> MigrateAsync(CommandContext ctx, ParsedArgs args)
    {
        var host = args.Value("--host");
        if (host is not null && string.IsNullOrWhiteSpace(host))
        {
            throw args.Bad("--host", "must name a host, e.g. h-2");
        }

        var datastore = args.Value("--datastore");
        if (datastore is not null && string.IsNullOrWhiteSpace(datastore))
        {
            throw args.Bad("--datastore", "must name a datastore, e.g. ds-2");
        }

        var request = new MigrateVmRequest(host is null ? null : HostId.From(host), datastore is null ? null : DatastoreId.From(datastore));
        var json = JsonSerializer.Serialize(request, ClusterMessagesJsonContext.Default.MigrateVmRequest);
        return ctx.Output.Show(
            await ctx.Client.PostAsync(Paths.Item("vms", args.Argument("id"), "migrate"), json, ctx.Cancellation).ConfigureAwait(false),
            ClusterMessagesJsonContext.Default.MigrationView,
            MigrationViews.Migration);
    }

    private static QosSpec? Qos(ParsedArgs args, string option)
    {
        if (args.Value(option) is not { } text)
        {
            return null;
        }

        var parts = text.Split(':');
        long[] values = new long[parts.Length];
        if (parts.Length is < 2 or > 3 || !parts.Select((p, i) => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out values[i])).All(ok => ok) || values[0] > int.MaxValue)
        {
            throw args.Bad(option, $"must be SHARES:RESERVATION[:LIMIT] with whole numbers, got '{text}'");
        }

        return new QosSpec((int)values[0], values[1], parts.Length == 3 ? values[2] : null);
    }

    private static DiskGrowth Growth(ParsedArgs args, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sizeGb)
            || sizeGb <= 0)
        {
            throw args.Bad("--disk", $"must be INDEX:SIZE_GB with whole numbers and a positive size, got '{text}'");
        }

        return new DiskGrowth(index, sizeGb);
    }

    private static VmDisk Disk(ParsedArgs args, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !long.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sizeGb)
            || sizeGb <= 0
            || string.IsNullOrWhiteSpace(text[..colon]))
        {
            throw args.Bad("--disk", $"must be DATASTORE:SIZE_GB with a positive size, got '{text}'");
        }

        return new VmDisk(new DatastoreId(text[..colon]), sizeGb);
    }
}

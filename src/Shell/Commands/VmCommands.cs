using System.Globalization;
using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The vm palette: VM inventory and lifecycle. The controller validates too; the shell checks only what it parses.</summary>
public static class VmCommands
{
    private static readonly ArgumentSpec Id = new("id", "the VM id, e.g. vm-1");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("vm", "list", "every VM with its power state and host", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/vms", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListVmView, Views.Vms)),
        new("vm", "show", "one VM", [Id], [], (ctx, args) => VmAsync(ctx, ctx.Client.GetAsync(Paths.Item("vms", args.Argument("id")), ctx.Cancellation))),
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
        new("vm", "delete", "remove a stopped VM from the inventory", [Id], [], DeleteAsync),
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

    private static async Task<int> DeleteAsync(CommandContext ctx, ParsedArgs args)
    {
        var id = args.Argument("id");
        var response = await ctx.Client.DeleteAsync(Paths.Item("vms", id), ctx.Cancellation).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return ctx.Output.Refusal(response);
        }

        // 204 has no body; in JSON mode print nothing, so a script reads only the exit code.
        if (ctx.Output.Format == OutputFormat.Table)
        {
            ctx.Output.WriteRaw($"{id} deleted");
        }

        return ExitCodes.Ok;
    }
}

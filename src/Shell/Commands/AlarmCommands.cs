using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The alarm palette: the controller's alarm inventory; acknowledging does not clear an alarm.</summary>
public static class AlarmCommands
{
    private static readonly ArgumentSpec Id = new("id", "the alarm id, e.g. alarm-0001");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("alarm", "list", "active alarms (--all: recently cleared ones too)", [], [new("--all", "include recently cleared alarms")], async (ctx, args) =>
            ctx.Output.Show(
                await ctx.Client.GetAsync(args.Flag("--all") ? "/api/alarms?all=true" : "/api/alarms", ctx.Cancellation).ConfigureAwait(false),
                ClusterMessagesJsonContext.Default.IReadOnlyListAlarmView,
                AlarmViews.Alarms)),
        new("alarm", "show", "one alarm in full", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("alarms", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.AlarmView, AlarmViews.Alarm)),
        new("alarm", "ack", "acknowledge an alarm (it stays active until its condition ends)", [Id], [new("--by", "who acknowledges (default: $USER)", "NAME")], AckAsync),
    ];

    private static async Task<int> AckAsync(CommandContext ctx, ParsedArgs args)
    {
        var by = args.Value("--by") ?? Environment.UserName;
        var body = JsonSerializer.Serialize(new AcknowledgeAlarmRequest(string.IsNullOrWhiteSpace(by) ? null : by), ClusterMessagesJsonContext.Default.AcknowledgeAlarmRequest);
        return ctx.Output.Show(
            await ctx.Client.PostAsync(Paths.Item("alarms", args.Argument("id"), "ack"), body, ctx.Cancellation).ConfigureAwait(false),
            ClusterMessagesJsonContext.Default.AlarmView,
            AlarmViews.Alarm);
    }
}

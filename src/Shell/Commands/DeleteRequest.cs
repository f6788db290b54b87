using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>A DELETE of one item: 204 prints "ID DONE" in table mode and nothing in JSON mode (a script reads the exit code).</summary>
internal static class DeleteRequest
{
    public static async Task<int> RunAsync(CommandContext ctx, string collection, string id, string done)
    {
        var response = await ctx.Client.DeleteAsync(Paths.Item(collection, id), ctx.Cancellation).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return ctx.Output.Refusal(response);
        }

        if (ctx.Output.Format == OutputFormat.Table)
        {
            ctx.Output.WriteRaw($"{id} {done}");
        }

        return ExitCodes.Ok;
    }
}

using System.Net;
using Cluster.Shell.Http;

namespace Cluster.Shell.Commands;

/// <summary>
/// How a long-running command (events tail --follow) rides through a controller restart or failover:
/// it says once that the controller was lost, waits with doubling back-off (from the follow interval up
/// to <see cref="MaxBackoff"/>) on the shell's clock, and says once that it is back.
/// </summary>
internal sealed class Reconnect(CommandContext ctx, string command)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private TimeSpan _backoff = TimeSpan.Zero;

    public bool IsLost => _backoff > TimeSpan.Zero;

    /// <summary>A restarting controller, a standby before it takes over, or a proxy in front of either: worth waiting for.</summary>
    public static bool IsTransient(ApiResponse response) =>
        response.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public async Task LostAsync(string reason)
    {
        if (!IsLost)
        {
            ctx.Output.Error.WriteLine($"{command}: lost the controller ({reason}); reconnecting");
            _backoff = ctx.FollowInterval;
        }
        else
        {
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, Math.Max(MaxBackoff.Ticks, ctx.FollowInterval.Ticks)));
        }

        await Task.Delay(_backoff, ctx.Time, ctx.Cancellation).ConfigureAwait(false);
    }

    public void Back(string detail)
    {
        if (IsLost)
        {
            ctx.Output.Error.WriteLine($"{command}: reconnected to {ctx.Settings.Endpoint}; {detail}");
            _backoff = TimeSpan.Zero;
        }
    }
}

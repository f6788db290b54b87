using System.Globalization;
using Cluster.Actors;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Admin;

/// <summary>
/// Asks the current VRM actor one question and turns the reply into an HTTP answer: the expected reply
/// goes to the caller's mapping, an <see cref="AdminFailure"/> to its status code, silence to 504.
/// </summary>
internal sealed class VrmGateway(ActorSystem system, Func<ActorRef?> vrm, TimeSpan timeout, ILogger log)
{
    /// <summary>Whether this controller runs a VRM (active or standing by) to ask right now.</summary>
    public bool IsRunning => vrm() is not null;

    public async Task<IResult> AskAsync<TReply>(object question, Func<TReply, IResult> onReply)
    {
        // The VRM is a singleton that moves between controllers; ask the provider each time, never cache it.
        var target = vrm();
        if (target is null)
        {
            return AdminResults.Error(StatusCodes.Status503ServiceUnavailable, "the VRM is not running on this controller");
        }

        object? reply;
        try
        {
            reply = await system.Ask(target, question, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return AdminResults.Error(StatusCodes.Status504GatewayTimeout, $"the VRM did not answer within {seconds} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure reply or a throw inside the VRM: log the detail here, tell the caller only what failed.
            log.LogError(ex, "VRM failed on {Question}", question.GetType().Name);
            return AdminResults.Error(StatusCodes.Status500InternalServerError, "the VRM failed on this request; the controller's log has the details");
        }

        switch (reply)
        {
            case TReply typed:
                return onReply(typed);
            case AdminFailure failure:
                return AdminResults.Failure(failure);
            default:
                log.LogError("VRM answered {Question} with unexpected {Reply}", question.GetType().Name, reply?.GetType().Name ?? "null");
                return AdminResults.Error(StatusCodes.Status500InternalServerError, "the VRM gave an answer this API does not know; the controller's log has the details");
        }
    }
}

using System.Globalization;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Admin;

/// <summary>
/// Asks the current VRM actor one question and turns the reply into an HTTP answer: the expected reply
/// goes to the caller's mapping, an <see cref="AdminFailure"/> to its status code, silence to 504.
/// </summary>
internal sealed class VrmGateway(IVrmClient vrm, TimeSpan timeout, ILogger log)
{
    /// <param name="question">What the VRM is asked.</param>
    /// <param name="onReply">The HTTP answer for the expected reply.</param>
    /// <param name="whenUnavailable">The answer when no VRM can be asked from here; 503 when null.</param>
    public Task<IResult> AskAsync<TReply>(object question, Func<TReply, IResult> onReply, Func<IResult>? whenUnavailable = null) =>
        AskThenAsync<TReply>(question, reply => Task.FromResult(onReply(reply)), whenUnavailable);

    /// <summary>As <see cref="AskAsync{TReply}"/>, for an answer that needs another question first.</summary>
    public async Task<IResult> AskThenAsync<TReply>(object question, Func<TReply, Task<IResult>> onReply, Func<IResult>? whenUnavailable = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(onReply);
        object? reply;
        try
        {
            reply = await vrm.AskAsync(question, timeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (VrmUnavailableException ex)
        {
            return whenUnavailable?.Invoke() ?? AdminResults.Error(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
        catch (TimeoutException)
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
                return await onReply(typed).ConfigureAwait(false);
            case AdminFailure failure:
                return AdminResults.Failure(failure);
            default:
                log.LogError("VRM answered {Question} with unexpected {Reply}", question.GetType().Name, reply?.GetType().Name ?? "null");
                return AdminResults.Error(StatusCodes.Status500InternalServerError, "the VRM gave an answer this API does not know; the controller's log has the details");
        }
    }
}

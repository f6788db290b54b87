using Akka.Actor;
using Cluster.Controller.Admin;

namespace Cluster.Controller.Hosting;

/// <summary>
/// The admin API's way to the VRM through the cluster singleton proxy, so any controller (active or standby) answers.
/// The proxy buffers while no singleton is up; an answer that does not come in time is a 504 that says why.
/// </summary>
public sealed class AkkaVrmClient(IActorRef singletonProxy) : IVrmClient
{
    public async Task<object?> AskAsync(object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await singletonProxy.Ask<object>(question, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException($"no answer from the VRM singleton (none may be active): {ex.Message}", ex);
        }
    }
}

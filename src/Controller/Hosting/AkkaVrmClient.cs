using Akka.Actor;
using Cluster.Controller.Admin;

namespace Cluster.Controller.Hosting;

/// <summary>
/// The admin API's way to the VRM through the cluster singleton proxy, so any controller (active or standby) answers.
/// The proxy buffers while no singleton is up; an answer that does not come in time is a 504 that says why.
/// </summary>
public sealed class AkkaVrmClient : IVrmClient
{
    private readonly Func<CancellationToken, Task<IActorRef>> _proxy;

    public AkkaVrmClient(IActorRef singletonProxy)
        : this(_ => Task.FromResult(singletonProxy))
    {
    }

    /// <param name="singletonProxy">
    /// The proxy once the actor system has started it (Akka.Hosting's <c>IRequiredActor.GetAsync</c>): the admin routes
    /// are mapped before the host starts Akka.
    /// </param>
    public AkkaVrmClient(Func<CancellationToken, Task<IActorRef>> singletonProxy)
    {
        _proxy = singletonProxy ?? throw new ArgumentNullException(nameof(singletonProxy));
    }

    public async Task<object?> AskAsync(object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var proxy = await _proxy(cancellationToken).ConfigureAwait(false);
        try
        {
            return await proxy.Ask<object>(question, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException($"no answer from the VRM singleton (none may be active): {ex.Message}", ex);
        }
    }
}

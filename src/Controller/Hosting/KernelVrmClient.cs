using Cluster.Actors;
using Cluster.Controller.Admin;

namespace Cluster.Controller.Hosting;

/// <summary>The admin API's way to the VRM through the controller singleton on this process's actor system.</summary>
public sealed class KernelVrmClient(ActorSystem system, Func<ActorRef?> singleton) : IVrmClient
{
    public async Task<object?> AskAsync(object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The singleton exists once the admin port is bound and the controller started; until then there is no VRM here.
        var target = singleton() ?? throw new VrmUnavailableException("the VRM is not running on this controller");
        try
        {
            return await system.Ask(target, question, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException(ex.Message, ex);
        }
    }
}

namespace Cluster.Controller.Admin;

/// <summary>
/// How the admin API reaches the VRM, wherever the singleton runs. An implementation answers the VRM's reply, throws
/// <see cref="VrmUnavailableException"/> when no VRM can be asked from here, and <see cref="TimeoutException"/> when
/// the VRM did not answer in time.
/// </summary>
public interface IVrmClient
{
    Task<object?> AskAsync(object question, TimeSpan timeout, CancellationToken cancellationToken);
}

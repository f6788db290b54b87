using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Support;

/// <summary>Starts and stops a provider's hosted services (Akka.Hosting's among them) the way the Generic Host does.</summary>
public static class HostedServices
{
    public static async Task StartAllAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops in reverse order, then disposes the provider; null (start never got that far) does nothing.</summary>
    public static async Task StopAllAsync(ServiceProvider? services)
    {
        if (services is null)
        {
            return;
        }

        foreach (var hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}

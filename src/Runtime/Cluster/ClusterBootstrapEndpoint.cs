using System.Collections.Immutable;
using System.Globalization;
using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Dsl;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using static Akka.Management.Cluster.Bootstrap.ContactPoint.HttpBootstrapJsonProtocol;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// Cluster Bootstrap for the Kubernetes mode, with the contact-point route on Kestrel instead of Akka.Management's own
/// HTTP server. That server cannot start with the packages served here: Akka.Http.Shim 1.5.73 is built against
/// Ceen.Httpd 0.9.9, the feed has only 0.9.10, whose <c>HttpServer.ListenAsync</c> changed, so starting it throws
/// MissingMethodException and auto-started bootstrap terminates the actor system (the first test against a
/// Kubernetes API found this; issue 17). Bootstrap needs only one route from each node: <c>GET /bootstrap/seed-nodes</c>,
/// which other nodes' probes call to learn whether a cluster exists. This serves it on the management port with
/// Akka.Management's own JSON protocol types and Newtonsoft, as its probes read it, then starts bootstrap, which
/// discovers the pods through the Kubernetes API and joins or forms.
/// </summary>
public sealed class ClusterBootstrapEndpoint
{
    public const string SeedNodesPath = "/bootstrap/seed-nodes";

    private readonly AkkaCluster _cluster;

    private ClusterBootstrapEndpoint(AkkaCluster cluster) => _cluster = cluster;

    /// <summary>
    /// Binds the route at the formation's bind host and management port, stops it in CoordinatedShutdown's last
    /// phase, and starts bootstrap with this node's contact point: the public host (the pod IP) and that port, which
    /// is how the pod list names this node, so bootstrap's lowest-address rule recognises itself.
    /// </summary>
    public static async Task StartAsync(ActorSystem system, ClusterFormationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        var port = (settings.Kubernetes ?? throw new ArgumentException("discovery is not kubernetes", nameof(settings))).ManagementPort;
        var endpoint = new ClusterBootstrapEndpoint(AkkaCluster.Get(system));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        builder.WebHost.UseUrls(Url(settings.Hostname, port));
        var app = builder.Build();
        app.MapGet(SeedNodesPath, endpoint.SeedNodes);
        await app.StartAsync().ConfigureAwait(false);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "stop-bootstrap-endpoint", async () =>
        {
            await app.DisposeAsync().ConfigureAwait(false);
            return Done.Instance;
        });

        var bootstrap = ClusterBootstrap.Get(system);
        bootstrap.Routes(ManagementRouteProviderSettings.Create(new Uri(Url(settings.PublicHostname ?? settings.Hostname, port) + "/"), readOnly: true));
        await bootstrap.Start().ConfigureAwait(false);
    }

    private static string Url(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");

    /// <summary>
    /// This node's view for a probing node: no members while it is leaving or gone (so nobody joins through it), else
    /// the reachable members that are joining or up. A probe that sees members joins them; only when every contact
    /// point answers with none does the lowest one form the cluster.
    /// </summary>
    private IResult SeedNodes()
    {
        var self = _cluster.SelfMember;
        var members = ImmutableList<ClusterMember>.Empty;
        if (self.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving or MemberStatus.Removed))
        {
            var state = _cluster.State;
            members = [.. state.Members
                .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
                .Select(m => new ClusterMember(m.Address, m.UniqueAddress.Uid, m.Status, m.Roles))];
        }

        return Results.Content(JsonConvert.SerializeObject(new SeedNodes(self.Address, members)), "application/json");
    }
}

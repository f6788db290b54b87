using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Discovery.KubernetesApi;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// The Akka configuration of <see cref="ClusterFormationSettings"/>: remoting (bind address, TLS), the cluster
/// (roles, seeds, timings), the split-brain resolver (lease-majority over all members with
/// <see cref="SqlLeaseConfig.ConfigPath"/>) and, for Kubernetes, Cluster Bootstrap's settings over
/// Akka.Discovery.KubernetesApi (started by <see cref="ClusterBootstrapEndpoint"/>, not as an extension). The lease
/// block itself is registered separately (<c>AddSqlLease</c>).
/// </summary>
public static class ClusterFormationHocon
{
    public const string KubernetesDiscoveryMethod = "kubernetes-api";
    public const string KubernetesDiscoveryClass = "Akka.Discovery.KubernetesApi.KubernetesApiServiceDiscovery, Akka.Discovery.KubernetesApi";

    /// <summary>Refuses invalid settings with every error, one per line; validate first to print them yourself.</summary>
    public static Config Build(ClusterFormationSettings settings)
    {
        var errors = ClusterFormationValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(settings));
        }

        var hocon = new StringBuilder();
        AppendRemote(hocon, settings);
        AppendCluster(hocon, settings);
        if (settings.Discovery == DiscoveryMode.Kubernetes)
        {
            AppendKubernetes(hocon, settings);
        }

        var config = ConfigurationFactory.ParseString(hocon.ToString());

        // The discovery's own defaults (which environment variables name the API server, where the token is) come
        // from a reference.conf that only its KubernetesDiscovery extension would inject; bootstrap loads the
        // discovery class directly, which then read null names and failed with ArgumentNullException (issue 17).
        return settings.Discovery == DiscoveryMode.Kubernetes ? config.WithFallback(KubernetesDiscovery.DefaultConfiguration()) : config;
    }

    private static void AppendRemote(StringBuilder hocon, ClusterFormationSettings settings)
    {
        var tls = settings.TlsOrOff;
        Line(hocon, "akka.actor.provider = cluster");
        Line(hocon, $"akka.remote.dot-netty.tcp.hostname = {HoconText.Quote(settings.Hostname)}");
        Line(hocon, $"akka.remote.dot-netty.tcp.public-hostname = {HoconText.Quote(settings.PublicHostname ?? settings.Hostname)}");
        Line(hocon, $"akka.remote.dot-netty.tcp.port = {settings.Port.ToString(CultureInfo.InvariantCulture)}");
        Line(hocon, $"akka.remote.dot-netty.tcp.enable-ssl = {OnOff(tls.Enabled)}");
        if (tls.Enabled)
        {
            // The certificate and the CA check come from ClusterTlsSetup (a DotNettySslSetup): HOCON alone would
            // validate peers against the machine's trust store, not the cluster CA. Without the setup Akka refuses
            // to start ("no certificate configured"), so a missing setup fails closed.
            Line(hocon, "akka.remote.dot-netty.tcp.ssl.suppress-validation = off");
            Line(hocon, "akka.remote.dot-netty.tcp.ssl.require-mutual-authentication = on");
            // Peers are dialled by IP or pod name while certificates name nodes; identity is the CA chain (and pins).
            Line(hocon, "akka.remote.dot-netty.tcp.ssl.validate-certificate-hostname = off");
        }
    }

    private static void AppendCluster(StringBuilder hocon, ClusterFormationSettings settings)
    {
        var t = settings.TimingsOrTuned;
        Line(hocon, $"akka.cluster.roles = [{string.Join(", ", settings.Roles.Select(HoconText.Quote))}]");
        Line(hocon, $"akka.cluster.seed-nodes = [{string.Join(", ", settings.SeedAddresses.Select(HoconText.Quote))}]");
        Line(hocon, $"akka.cluster.failure-detector.heartbeat-interval = {HoconText.Millis(t.HeartbeatInterval)}");
        Line(hocon, $"akka.cluster.failure-detector.acceptable-heartbeat-pause = {HoconText.Millis(t.AcceptableHeartbeatPause)}");
        Line(hocon, $"akka.cluster.gossip-interval = {HoconText.Millis(t.GossipInterval)}");
        Line(hocon, $"akka.cluster.leader-actions-interval = {HoconText.Millis(t.LeaderActionsInterval)}");
        Line(hocon, $"akka.cluster.down-removal-margin = {HoconText.Millis(t.DownRemovalMargin)}");
        Line(hocon, $"akka.cluster.unreachable-nodes-reaper-interval = {HoconText.Millis(t.UnreachableCheckInterval)}");

        // Issue 7: with two controllers keep-majority, keep-oldest and static-quorum all downed the survivor when
        // the oldest was killed; only lease-majority, whose lease decides a tie, kept one side up.
        Line(hocon, "akka.cluster.downing-provider-class = \"Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster\"");
        Line(hocon, "akka.cluster.split-brain-resolver.active-strategy = lease-majority");
        Line(hocon, $"akka.cluster.split-brain-resolver.stable-after = {HoconText.Millis(t.StableAfter)}");
        Line(hocon, $"akka.cluster.split-brain-resolver.lease-majority.lease-implementation = {HoconText.Quote(SqlLeaseConfig.ConfigPath)}");
        // Majority counts every member, not only controllers: the side with the hosts is then the majority against a
        // controller cut off alone, and survivors of a kill are the majority, so they try the lease first. A side
        // without a controller cannot win it anyway (HostSideLease needs a reachable controller's broker).
        Line(hocon, "akka.cluster.split-brain-resolver.lease-majority.role = \"\"");
        Line(hocon, $"akka.cluster.split-brain-resolver.lease-majority.acquire-lease-delay-for-minority = {HoconText.Millis(t.MinorityLeaseDelay)}");
        Line(hocon, $"akka.cluster.split-brain-resolver.down-all-when-unstable = {HoconText.Millis(t.DownAllWhenUnstable)}");
    }

    private static void AppendKubernetes(StringBuilder hocon, ClusterFormationSettings settings)
    {
        var k8s = settings.Kubernetes!;
        // No bootstrap extension in akka.extensions: loaded so, it starts Akka.Management's HTTP server, which cannot
        // start here (ClusterBootstrapEndpoint says why) and then terminates the system. The http keys below are still
        // what bootstrap reads for this node's contact point and the fallback port of others.
        Line(hocon, $"akka.management.http.hostname = {HoconText.Quote(settings.PublicHostname ?? settings.Hostname)}");
        Line(hocon, $"akka.management.http.bind-hostname = {HoconText.Quote(settings.Hostname)}");
        Line(hocon, $"akka.management.http.port = {k8s.ManagementPort.ToString(CultureInfo.InvariantCulture)}");
        Line(hocon, $"akka.management.http.bind-port = {k8s.ManagementPort.ToString(CultureInfo.InvariantCulture)}");
        Line(hocon, $"akka.management.cluster.bootstrap.contact-point-discovery.discovery-method = {KubernetesDiscoveryMethod}");
        Line(hocon, $"akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr = {k8s.RequiredContactPoints.ToString(CultureInfo.InvariantCulture)}");
        Line(hocon, $"akka.management.cluster.bootstrap.contact-point-discovery.port-name = \"management\"");
        Line(hocon, $"akka.discovery.method = {KubernetesDiscoveryMethod}");
        Line(hocon, $"akka.discovery.{KubernetesDiscoveryMethod}.class = {HoconText.Quote(KubernetesDiscoveryClass)}");
        Line(hocon, $"akka.discovery.{KubernetesDiscoveryMethod}.pod-label-selector = {HoconText.Quote(k8s.PodLabelSelector)}");
        if (k8s.Namespace is not null)
        {
            Line(hocon, $"akka.discovery.{KubernetesDiscoveryMethod}.pod-namespace = {HoconText.Quote(k8s.Namespace)}");
        }

        if (k8s.ApiTokenPath is not null)
        {
            Line(hocon, $"akka.discovery.{KubernetesDiscoveryMethod}.api-token-path = {HoconText.Quote(k8s.ApiTokenPath)}");
        }
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private static void Line(StringBuilder hocon, string line) => hocon.Append(line).Append('\n');
}

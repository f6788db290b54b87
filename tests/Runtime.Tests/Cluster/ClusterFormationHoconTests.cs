using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>The configuration each mode produces, read back through Akka's own config parser. Pure.</summary>
public sealed class ClusterFormationHoconTests
{
    private static readonly ClusterFormationSettings SeedsMode = new(
        "cluster", [ClusterRoles.Controller, ClusterRoles.Host], Port: 4053,
        Seeds: ["akka.tcp://cluster@127.0.0.1:4053", "akka.tcp://cluster@127.0.0.1:4054"]);

    [Fact]
    public void Seeds_mode_lists_the_seeds_binds_loopback_and_leaves_TLS_off()
    {
        var config = ClusterFormationHocon.Build(SeedsMode);

        Assert.Equal(SeedsMode.Seeds, config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["controller", "host"], config.GetStringList("akka.cluster.roles"));
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.False(config.HasPath("akka.management"));
        Assert.False(config.HasPath("akka.discovery"));
    }

    [Fact]
    public void The_default_bind_address_is_loopback()
    {
        Assert.Equal("127.0.0.1", new ClusterFormationSettings("cluster", [ClusterRoles.Host]).Hostname);
    }

    [Fact]
    public void The_split_brain_resolver_is_lease_majority_over_all_members_with_the_sql_lease()
    {
        var config = ClusterFormationHocon.Build(SeedsMode);

        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("lease-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(SqlLeaseConfig.ConfigPath, config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
        Assert.Equal(string.Empty, config.GetString("akka.cluster.split-brain-resolver.lease-majority.role"));
    }

    [Fact]
    public void The_timings_default_to_the_tuned_figures_of_issue_7()
    {
        var config = ClusterFormationHocon.Build(SeedsMode);

        Assert.Equal(TimeSpan.FromMilliseconds(300), config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.down-removal-margin"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetTimeSpan("akka.cluster.gossip-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetTimeSpan("akka.cluster.leader-actions-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetTimeSpan("akka.cluster.unreachable-nodes-reaper-interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.split-brain-resolver.lease-majority.acquire-lease-delay-for-minority"));
        Assert.Equal(TimeSpan.FromSeconds(20), config.GetTimeSpan("akka.cluster.split-brain-resolver.down-all-when-unstable"));
    }

    [Fact]
    public void Tls_turns_on_ssl_with_mutual_authentication_and_validation()
    {
        var dir = Directory.CreateTempSubdirectory("formation-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "n.pfx"), "");
            File.WriteAllText(Path.Combine(dir, "ca.crt"), "");
            var settings = SeedsMode with
            {
                Seeds = ["akka.ssl.tcp://cluster@127.0.0.1:4053"],
                Tls = new TlsSettings(true, Path.Combine(dir, "n.pfx"), "pw", Path.Combine(dir, "ca.crt")),
            };

            var config = ClusterFormationHocon.Build(settings);

            Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
            Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication"));
            Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.suppress-validation"));
            Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.validate-certificate-hostname"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Kubernetes_mode_starts_cluster_bootstrap_over_the_kubernetes_api()
    {
        var settings = new ClusterFormationSettings(
            "cluster", [ClusterRoles.Host], Hostname: "0.0.0.0", PublicHostname: "10.1.2.3", Discovery: DiscoveryMode.Kubernetes,
            Kubernetes: new KubernetesDiscoverySettings("app=cluster", Namespace: "prod", RequiredContactPoints: 3, ManagementPort: 8558));

        var config = ClusterFormationHocon.Build(settings);
        var token = Path.GetTempFileName();
        var withToken = ClusterFormationHocon.Build(settings with { Kubernetes = settings.Kubernetes! with { ApiTokenPath = token } });
        File.Delete(token);

        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
        Assert.False(config.HasPath("akka.extensions"), "bootstrap as an extension would start Akka.Management's HTTP server, which fails with the served Ceen.Httpd");
        Assert.Equal("kubernetes-api", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        Assert.Equal(3, config.GetInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
        Assert.Equal(8558, config.GetInt("akka.management.http.port"));
        Assert.Equal("10.1.2.3", config.GetString("akka.management.http.hostname"));
        Assert.Equal("0.0.0.0", config.GetString("akka.management.http.bind-hostname"));
        Assert.Equal("kubernetes-api", config.GetString("akka.discovery.method"));
        Assert.Equal(ClusterFormationHocon.KubernetesDiscoveryClass, config.GetString("akka.discovery.kubernetes-api.class"));
        Assert.Equal("app=cluster", config.GetString("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.Equal("prod", config.GetString("akka.discovery.kubernetes-api.pod-namespace"));
        Assert.Equal(KubernetesDiscoverySettings.DefaultApiTokenPath, config.GetString("akka.discovery.kubernetes-api.api-token-path"));
        Assert.Equal("KUBERNETES_SERVICE_HOST", config.GetString("akka.discovery.kubernetes-api.api-service-host-env-name"));
        Assert.Equal("KUBERNETES_SERVICE_PORT", config.GetString("akka.discovery.kubernetes-api.api-service-port-env-name"));
        Assert.Equal(token, withToken.GetString("akka.discovery.kubernetes-api.api-token-path"));
    }

    [Fact]
    public void The_discovery_type_kubernetes_mode_names_loads_from_the_referenced_package()
    {
        // Akka loads it by name at start; a wrong assembly name would only show on a pod.
        var discovery = Type.GetType(ClusterFormationHocon.KubernetesDiscoveryClass, throwOnError: true)!;

        Assert.True(discovery.IsSubclassOf(typeof(Akka.Discovery.ServiceDiscovery)), $"{discovery} is not a ServiceDiscovery");
    }

    [Fact]
    public void Invalid_settings_are_refused_with_every_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterFormationHocon.Build(SeedsMode with { Seeds = ["akka.ssl.tcp://x@h:1"] }));
        Assert.Contains("cluster.seeds[0]: ", error.Message, StringComparison.Ordinal);
    }
}

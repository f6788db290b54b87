using Cluster.Runtime.Cluster;
using N = Cluster.Runtime.Cluster.ClusterSettingNames;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>Every refusal names its setting and says why; pure (the TLS files are this test's own temp files).</summary>
public sealed class ClusterFormationValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("formation-").FullName;

    private static ClusterFormationSettings Seeds(params string[] seeds) =>
        new("cluster", [ClusterRoles.Controller], Seeds: seeds);

    private TlsSettings Tls() => new(true, Touch("node.pfx"), "pw", Touch("ca.crt"));

    [Fact]
    public void Plain_seeds_with_matching_scheme_and_system_are_accepted()
    {
        Assert.Empty(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@127.0.0.1:4053", "akka.tcp://cluster@10.0.0.2:4053")));
    }

    [Fact]
    public void Tls_seeds_with_the_ssl_scheme_are_accepted()
    {
        Assert.Empty(ClusterFormationValidator.Validate(Seeds("akka.ssl.tcp://cluster@127.0.0.1:4053") with { Tls = Tls() }));
    }

    [Fact]
    public void A_plain_seed_with_TLS_on_is_refused_naming_the_seed_and_the_scheme_it_needs()
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@127.0.0.1:4053") with { Tls = Tls() }));
        Assert.Equal(N.Seed(0), error.Setting);
        Assert.Contains("must be akka.ssl.tcp://", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TLS_seed_with_TLS_off_is_refused()
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1", "akka.ssl.tcp://cluster@h:2")));
        Assert.Equal(N.Seed(1), error.Setting);
        Assert.Contains("must be akka.tcp://", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:4053")]
    [InlineData("akka.tcp://cluster")]
    [InlineData("not an address")]
    public void A_seed_that_is_not_an_Akka_address_is_refused(string seed)
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds(seed)));
        Assert.Equal(N.Seed(0), error.Setting);
        Assert.Contains("is not an Akka address", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_of_another_actor_system_is_refused()
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://other@127.0.0.1:4053")));
        Assert.Equal(N.Seed(0), error.Setting);
        Assert.Contains("'other'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_port_out_of_range_is_refused()
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@127.0.0.1:70000")));
        Assert.Equal(N.Seed(0), error.Setting);
    }

    [Fact]
    public void Seeds_discovery_without_seeds_is_refused()
    {
        Assert.Equal(N.Seeds, Assert.Single(ClusterFormationValidator.Validate(Seeds())).Setting);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Port = port }));
        Assert.Equal(N.Port, error.Setting);
    }

    [Fact]
    public void Unknown_missing_and_repeated_roles_are_refused()
    {
        Assert.Equal(N.Roles, Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Roles = [] })).Setting);
        Assert.Contains("'vrm'", Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Roles = ["vrm"] })).Reason, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Roles = ["host", "host"] })).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_system_name_and_empty_hostnames_are_refused()
    {
        var errors = ClusterFormationValidator.Validate(new ClusterFormationSettings("my system", [ClusterRoles.Host], Hostname: "", PublicHostname: " ", Seeds: ["akka.tcp://my system@h:1"]));
        Assert.Contains(errors, e => e.Setting == N.SystemName);
        Assert.Contains(errors, e => e.Setting == N.Hostname);
        Assert.Contains(errors, e => e.Setting == N.PublicHostname);
    }

    [Fact]
    public void Tls_without_certificate_or_CA_is_refused_naming_each_file()
    {
        var errors = ClusterFormationValidator.Validate(Seeds("akka.ssl.tcp://cluster@h:1") with { Tls = new TlsSettings(true) });
        Assert.Equal([N.TlsCertificatePath, N.TlsCaCertificatePath], errors.Select(e => e.Setting));
        Assert.All(errors, e => Assert.Contains("is required with TLS on", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Tls_with_a_missing_certificate_file_is_refused()
    {
        var tls = Tls() with { CertificatePath = Path.Combine(_dir, "absent.pfx") };
        var error = Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.ssl.tcp://cluster@h:1") with { Tls = tls }));
        Assert.Equal(N.TlsCertificatePath, error.Setting);
        Assert.Contains("does not exist", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_thumbprint_that_is_not_SHA1_hex_is_refused()
    {
        var tls = Tls() with { TrustedThumbprints = ["abc"] };
        Assert.Equal(N.TlsTrustedThumbprints, Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.ssl.tcp://cluster@h:1") with { Tls = tls })).Setting);
    }

    [Fact]
    public void Kubernetes_discovery_needs_its_settings_and_refuses_seeds()
    {
        var errors = ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Discovery = DiscoveryMode.Kubernetes });
        Assert.Equal([N.Seeds, N.Kubernetes], errors.Select(e => e.Setting));
    }

    [Fact]
    public void Kubernetes_settings_are_checked_one_by_one()
    {
        var k8s = new KubernetesDiscoverySettings(" ", Namespace: "", RequiredContactPoints: 0, ManagementPort: ClusterFormationSettings.DefaultPort, ApiTokenPath: "/nonexistent/token");
        var errors = ClusterFormationValidator.Validate(new ClusterFormationSettings("cluster", [ClusterRoles.Host], Discovery: DiscoveryMode.Kubernetes, Kubernetes: k8s));
        Assert.Equal([N.PodLabelSelector, N.PodNamespace, N.RequiredContactPoints, N.ManagementPort, N.ApiTokenPath], errors.Select(e => e.Setting));
    }

    [Fact]
    public void A_heartbeat_pause_not_longer_than_the_interval_is_refused()
    {
        var timings = ClusterTimings.Tuned with { AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(300) };
        Assert.Equal(N.Timings, Assert.Single(ClusterFormationValidator.Validate(Seeds("akka.tcp://cluster@h:1") with { Timings = timings })).Setting);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Touch(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "");
        return path;
    }
}

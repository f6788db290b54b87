using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Cluster.Runtime.Cluster;

namespace Cluster.Integration.Tests;

/// <summary>How a process's options become its Akka cluster formation, and how each mistake is named before anything binds.</summary>
public sealed class ClusterNodeSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-settings-").FullName;

    private static SettingSpec[] Specs { get; } = [new("listen", "where", "HOST:PORT"), .. ClusterNodeSettings.Specs];

    [Fact]
    public void Without_tls_options_the_node_refuses_to_start_and_says_how_to_get_certificates()
    {
        var error = Assert.Throws<ConfigException>(() => From([]));

        Assert.Equal("--tls-certificate", error.Setting);
        Assert.Contains("make-certs.sh", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_port_seeds_are_expanded_with_the_tls_scheme_and_the_system_name()
    {
        var (cert, ca) = Certificates();

        var formation = From(["--listen", "127.0.0.1:9120", "--seed", "127.0.0.1:9000", "--seed", "10.0.0.2:9001", "--tls-certificate", cert, "--tls-ca", ca]);

        Assert.Equal(["akka.ssl.tcp://cluster@127.0.0.1:9000", "akka.ssl.tcp://cluster@10.0.0.2:9001"], formation.SeedAddresses);
        Assert.Equal([ClusterRoles.Host], formation.Roles);
        Assert.Equal(("127.0.0.1", 9120), (formation.Hostname, formation.Port));
        Assert.True(formation.TlsOrOff.Enabled);
    }

    [Fact]
    public void A_clear_text_seed_address_on_a_tls_node_is_refused_naming_the_seed()
    {
        var (cert, ca) = Certificates();

        var error = Assert.Throws<ConfigException>(() => From(["--seed", "akka.tcp://cluster@127.0.0.1:9000", "--tls-certificate", cert, "--tls-ca", ca]));

        Assert.Equal("--seed", error.Setting);
        Assert.Contains("must be akka.ssl.tcp://", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_tls_gives_clear_text_addresses_and_defaults_to_the_first_local_controller()
    {
        var formation = From(["--no-tls"]);

        Assert.Equal(["akka.tcp://cluster@127.0.0.1:9000"], formation.SeedAddresses);
        Assert.False(formation.TlsOrOff.Enabled);
    }

    [Theory]
    [InlineData("--seed", "nonsense", "--seed")]
    [InlineData("--discovery", "dns", "--discovery")]
    [InlineData("--tls-certificate", "/nope/node.p12", "--tls-certificate")]
    public void Bad_values_name_their_option(string option, string value, string named)
    {
        var (cert, ca) = Certificates();
        string[] args = option == "--tls-certificate"
            ? [option, value, "--tls-ca", ca]
            : [option, value, "--tls-certificate", cert, "--tls-ca", ca];

        var error = Assert.Throws<ConfigException>(() => From(args));

        Assert.Equal(named, error.Setting);
    }

    [Fact]
    public void Kubernetes_discovery_takes_no_seeds()
    {
        var error = Assert.Throws<ConfigException>(() => From(["--no-tls", "--discovery", "kubernetes", "--seed", "127.0.0.1:9000"]));

        Assert.Equal("--seed", error.Setting);
        var formation = From(["--no-tls", "--discovery", "kubernetes", "--k8s-selector", "app=vrm", "--k8s-contact-points", "3"]);
        Assert.Equal(DiscoveryMode.Kubernetes, formation.Discovery);
        Assert.Equal(new KubernetesDiscoverySettings("app=vrm", null, 3, 8558), formation.Kubernetes);
    }

    [Fact]
    public void A_kubernetes_token_file_that_does_not_exist_is_refused_naming_the_option()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "token");

        var error = Assert.Throws<ConfigException>(() => From(["--no-tls", "--discovery", "kubernetes", "--k8s-token-file", missing]));

        Assert.Equal("--k8s-token-file", error.Setting);
        Assert.Equal($"'{missing}' does not exist", error.Reason);
    }

    [Fact]
    public void A_busy_port_is_refused_naming_the_option_and_the_port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<ConfigException>(() => PortAvailability.EnsureFree("--listen", "cluster", "127.0.0.1", port));

        Assert.Equal("--listen", error.Setting);
        Assert.Equal($"cluster port 127.0.0.1:{port} is already in use", error.Reason);
    }

    [Fact]
    public void A_port_held_by_a_listener_with_address_reuse_as_Akka_binds_it_is_busy_too()
    {
        // DotNetty's tcp-reuse-addr is .NET's ReuseAddress, which on Unix also sets SO_REUSEPORT.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var error = Assert.Throws<ConfigException>(() => PortAvailability.EnsureFree("--listen", "cluster", "127.0.0.1", port));

        Assert.Equal($"cluster port 127.0.0.1:{port} is already in use", error.Reason);
    }

    [Fact]
    public void A_free_port_passes_and_stays_free()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        PortAvailability.EnsureFree("--listen", "cluster", "127.0.0.1", port);

        using var after = new TcpListener(IPAddress.Loopback, port);
        after.Start();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ClusterFormationSettings From(string[] args) =>
        ClusterNodeSettings.From(Settings.Load(Specs, args, _ => null, null), ClusterRoles.Host, "127.0.0.1:9120");

    private (string Certificate, string Ca) Certificates()
    {
        var cert = Path.Combine(_dir, "node.p12");
        var ca = Path.Combine(_dir, "ca.crt");
        File.WriteAllText(cert, "not read by the settings");
        File.WriteAllText(ca, "not read by the settings");
        return (cert, ca);
    }
}

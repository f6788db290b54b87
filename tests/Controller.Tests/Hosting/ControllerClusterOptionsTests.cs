using Cluster.Controller.Hosting;
using Cluster.Hosting.Configuration;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Tests.Hosting;

/// <summary>How the controller joins the Akka cluster, as an operator writes it on the command line.</summary>
public sealed class ControllerClusterOptionsTests
{
    private static ControllerOptions Parse(params string[] args) =>
        ControllerOptions.From(Settings.Load(ControllerOptions.Specs, args, _ => null, null));

    [Fact]
    public void A_controller_has_role_controller_and_listens_on_loopback_9000_seeding_itself_by_default()
    {
        var formation = Parse("--no-tls").Formation;

        Assert.Equal([ClusterRoles.Controller], formation.Roles);
        Assert.Equal(("127.0.0.1", 9000), (formation.Hostname, formation.Port));
        Assert.Equal(["akka.tcp://cluster@127.0.0.1:9000"], formation.SeedAddresses);
    }

    [Fact]
    public void Without_a_certificate_or_no_tls_the_controller_refuses_to_start_naming_the_option()
    {
        var error = Assert.Throws<ConfigException>(() => Parse());

        Assert.Equal("--tls-certificate", error.Setting);
    }

    [Theory]
    [InlineData("--cluster-secret")]
    [InlineData("--lease-ttl")]
    [InlineData("--lease-renew")]
    public void The_old_transport_and_lease_options_are_gone(string option)
    {
        var error = Assert.Throws<ConfigException>(() => Parse("--no-tls", option, "x"));

        Assert.Equal(option, error.Setting);
    }

    [Fact]
    public void Node_id_is_only_a_label_defaulting_to_the_machine_and_port()
    {
        Assert.Equal("ctrl-a", Parse("--no-tls", "--node-id", "ctrl-a").NodeId);
        Assert.EndsWith("-9001", Parse("--no-tls", "--listen", "127.0.0.1:9001").NodeId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9110", "127.0.0.1", 9110)]
    [InlineData("http://*:9111", "0.0.0.0", 9111)]
    [InlineData("http://[::1]:9112", "::1", 9112)]
    [InlineData("http://localhost", "localhost", 80)]
    public void Each_admin_url_names_the_endpoint_checked_before_start(string url, string host, int port)
    {
        Assert.Equal((host, port), AdminBinding.Endpoint(url));
    }
}

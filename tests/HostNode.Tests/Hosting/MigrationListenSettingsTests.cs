using System.Net;
using Cluster.Hosting.Configuration;
using Cluster.HostNode.Hosting;

namespace Cluster.HostNode.Tests.Hosting;

public sealed class MigrationListenSettingsTests
{
    private static MigrationListenSettings From(params string[] args) =>
        HostNodeOptions.From(Settings.Load(HostNodeOptions.Specs, ["--host-id", "h-1", "--no-tls", .. args], _ => null, null)).MigrationListen;

    [Fact]
    public void By_default_migrations_are_accepted_on_loopback_on_a_port_the_os_picks()
    {
        var settings = From();

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), settings.Listen);
        Assert.Equal("127.0.0.1", settings.AdvertisedHost);
    }

    [Fact]
    public void A_given_address_is_listened_on_and_handed_to_sources()
    {
        var settings = From("--migration-listen", "[::1]:9221");

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9221), settings.Listen);
        Assert.Equal("::1", settings.AdvertisedHost);
    }

    [Fact]
    public void A_wildcard_address_hands_sources_the_public_host_and_is_refused_without_one()
    {
        var error = Assert.Throws<ConfigException>(() => From("--migration-listen", "0.0.0.0:0"));
        var settings = From("--migration-listen", "0.0.0.0:9221", "--public-host", "10.0.0.7");

        Assert.Contains("--migration-listen", error.Message, StringComparison.Ordinal);
        Assert.Contains("--public-host", error.Message, StringComparison.Ordinal);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 9221), settings.Listen);
        Assert.Equal("10.0.0.7", settings.AdvertisedHost);
    }

    [Theory]
    [InlineData("host.example:9221", "must be an IP address")]
    [InlineData("127.0.0.1", "must be host:port")]
    public void A_listen_address_that_is_not_an_ip_and_port_is_refused_naming_the_setting(string value, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => From("--migration-listen", value));

        Assert.Contains("--migration-listen", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

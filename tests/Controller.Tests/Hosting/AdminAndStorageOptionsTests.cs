using Cluster.Controller.Hosting;
using Cluster.Hosting.Configuration;

namespace Cluster.Controller.Tests.Hosting;

/// <summary>The admin API's cross-site settings and the datastore overcommit, as an operator writes them.</summary>
public sealed class AdminAndStorageOptionsTests
{
    private static ControllerOptions Parse(params string[] args) =>
        ControllerOptions.From(Settings.Load(ControllerOptions.Specs, ["--no-tls", .. args], _ => null, null));

    [Fact]
    public void The_datastore_overcommit_defaults_to_one_and_takes_a_ratio()
    {
        Assert.Equal(1.0, Parse().Vrm.DatastoreOvercommit);
        Assert.Equal(2.5, Parse("--datastore-overcommit", "2.5").Vrm.DatastoreOvercommit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("lots")]
    [InlineData("1,5")]
    public void A_bad_overcommit_names_the_setting(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Parse("--datastore-overcommit", value));

        Assert.Equal("--datastore-overcommit", error.Setting);
        Assert.Contains($"got '{value}'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_names_come_from_the_setting_and_from_the_admin_urls()
    {
        var options = Parse("--admin-host-name", "vrm.example.net", "--admin-host-name", "vrm2:9110", "--admin-urls", "http://10.0.0.5:9110,http://0.0.0.0:9111", "--admin-token", "t");

        Assert.Equal(["vrm.example.net", "vrm2:9110", "10.0.0.5"], options.AdminHostNames);
    }

    [Fact]
    public void Origins_are_kept_as_scheme_host_and_port()
    {
        var options = Parse("--admin-allowed-origin", "https://console.example:8443/", "--admin-allowed-origin", "http://ops.example");

        Assert.Equal(["https://console.example:8443", "http://ops.example"], options.AdminAllowedOrigins);
    }

    [Theory]
    [InlineData("--admin-allowed-origin", "console.example")]
    [InlineData("--admin-allowed-origin", "https://console.example/path")]
    [InlineData("--admin-allowed-origin", "ftp://console.example")]
    [InlineData("--admin-host-name", "bad host")]
    [InlineData("--postgres-schema", "Public")]
    [InlineData("--postgres-schema", "x; drop table akka_journal")]
    public void A_bad_name_origin_or_schema_names_the_setting(string setting, string value)
    {
        Assert.Equal(setting, Assert.Throws<ConfigException>(() => Parse(setting, value)).Setting);
    }
}

using Cluster.Hosting.Configuration;
using Cluster.HostNode.Hosting;

namespace Cluster.HostNode.Tests.Hosting;

public sealed class HostNodeOptionsTests
{
    private static HostNodeOptions From(params string[] args) =>
        HostNodeOptions.From(Settings.Load(HostNodeOptions.Specs, [.. args, "--cluster-secret", "s"], _ => null, null));

    [Theory]
    [InlineData("H_1!")]
    [InlineData("Host-1")]
    [InlineData("h 1")]
    public void An_invalid_host_id_is_refused_naming_the_setting(string id)
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", id));
        Assert.Contains("host-id", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters, digits and '-'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WORKSTATION_7", "workstation-7")]
    [InlineData("my.host.example", "my-host-example")]
    [InlineData("___", HostNodeOptions.FallbackHostId)]
    public void The_default_host_id_is_the_machine_name_made_valid(string machine, string expected) =>
        Assert.Equal(expected, HostNodeOptions.DefaultHostId(machine));

    [Fact]
    public void A_relative_storage_lease_directory_is_refused_and_none_given_means_not_configured()
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--storage-leases", "data/storage-leases"));
        Assert.Contains("storage-leases", error.Message, StringComparison.Ordinal);
        Assert.Contains("absolute", error.Message, StringComparison.Ordinal);

        Assert.Null(From("--host-id", "h-1").StorageLeases);
        Assert.Equal("/srv/leases", From("--host-id", "h-1", "--storage-leases", "/srv/leases").StorageLeases);
    }
}

using Cluster.Hosting.Configuration;
using Cluster.HostNode.Hosting;
using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.HostNode.Tests.Hosting;

public sealed class HostNodeOptionsTests
{
    private static HostNodeOptions From(params string[] args) =>
        HostNodeOptions.From(Settings.Load(HostNodeOptions.Specs, args, _ => null, null));

    [Theory]
    [InlineData("H_1!")]
    [InlineData("Host-1")]
    [InlineData("h 1")]
    public void An_invalid_host_id_is_refused_naming_the_setting(string id)
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", id, "--no-tls"));
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
        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", "--storage-leases", "data/storage-leases"));
        Assert.Contains("storage-leases", error.Message, StringComparison.Ordinal);
        Assert.Contains("absolute", error.Message, StringComparison.Ordinal);

        Assert.Null(From("--host-id", "h-1", "--no-tls").StorageLeases);
        Assert.Equal("/srv/leases", From("--host-id", "h-1", "--no-tls", "--storage-leases", "/srv/leases").StorageLeases);
    }

    [Fact]
    public void No_probe_listener_unless_health_listen_is_given_and_a_bad_one_is_refused_naming_it()
    {
        Assert.Null(From("--host-id", "h-1", "--no-tls").HealthListen);
        Assert.Equal(("0.0.0.0", 9140), From("--host-id", "h-1", "--no-tls", "--health-listen", "0.0.0.0:9140").HealthListen);

        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", "--health-listen", "9140"));
        Assert.Contains("health-listen", error.Message, StringComparison.Ordinal);
        Assert.Contains("host:port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guests_end_with_the_process_unless_guest_state_is_given_in_a_directory_that_exists()
    {
        Assert.Null(From("--host-id", "h-1", "--no-tls").GuestStateFile);
        Assert.Equal("/tmp/h-1.guests", From("--host-id", "h-1", "--no-tls", "--guest-state", "/tmp/h-1.guests").GuestStateFile);

        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", "--guest-state", "/nonexistent-dir/h-1.guests"));
        Assert.Equal(("--guest-state", "the directory of '/nonexistent-dir/h-1.guests' does not exist"), (error.Setting, error.Reason));
    }

    [Fact]
    public void Cpu_features_are_offered_as_configured_and_none_by_default()
    {
        Assert.Equal(CpuFeatureSet.None, From("--host-id", "h-1", "--no-tls").CpuFeatures);

        var offered = From("--host-id", "h-1", "--no-tls", "--cpu-vendor", "GenuineIntel", "--cpu-feature", "sse4_2", "--cpu-feature", "avx2").CpuFeatures;

        Assert.True(offered.IsSupersetOf(new CpuFeatureSet("GenuineIntel", ["avx2"])));
        Assert.False(offered.IsSupersetOf(new CpuFeatureSet("GenuineIntel", ["avx512f"])));
    }

    [Fact]
    public void A_blank_cpu_feature_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", "--cpu-feature", "avx 2"));

        Assert.Contains("cpu-feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_the_node_joins_as_role_host_on_port_9120_through_the_first_local_controller()
    {
        var formation = From("--host-id", "h-1", "--no-tls").Formation;

        Assert.Equal([ClusterRoles.Host], formation.Roles);
        Assert.Equal(("127.0.0.1", 9120), (formation.Hostname, formation.Port));
        Assert.Equal(["akka.tcp://cluster@127.0.0.1:9000"], formation.Seeds);
    }

    [Fact]
    public void Listen_and_repeated_seeds_are_taken_as_given()
    {
        var options = From("--host-id", "h-1", "--no-tls", "--listen", "127.0.0.1:9125", "--seed", "127.0.0.1:9000", "--seed", "127.0.0.1:9001", "--heartbeat-interval", "1s");

        Assert.Equal(9125, options.Formation.Port);
        Assert.Equal(["akka.tcp://cluster@127.0.0.1:9000", "akka.tcp://cluster@127.0.0.1:9001"], options.Formation.Seeds);
        Assert.Equal(TimeSpan.FromSeconds(1), options.HeartbeatInterval);
    }

    [Fact]
    public void The_storage_lease_schema_is_the_controllers_public_by_default_or_as_given_and_checked()
    {
        Assert.Equal("public", From("--host-id", "h-1", "--no-tls").PostgresSchema);
        Assert.Equal("cluster_a", From("--host-id", "h-1", "--no-tls", "--postgres-schema", "cluster_a").PostgresSchema);

        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", "--postgres-schema", "a;drop"));
        Assert.Contains("--postgres-schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a;drop'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_is_required_unless_no_tls_is_given()
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1"));

        Assert.Contains("tls-certificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--controller", "127.0.0.1:9000")]
    [InlineData("--cluster-secret", "s")]
    public void Options_replaced_by_seeds_and_tls_are_refused(string option, string value)
    {
        var error = Assert.Throws<ConfigException>(() => From("--host-id", "h-1", "--no-tls", option, value));

        Assert.Contains(option.TrimStart('-'), error.Message, StringComparison.Ordinal);
    }
}

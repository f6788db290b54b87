namespace Cluster.Integration.Tests;

/// <summary>Bad configuration: exit code 2 and one line naming the setting, before anything starts.</summary>
public sealed class ConfigurationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_controller_refuses_to_start_without_a_TLS_certificate_unless_told_no_tls()
    {
        using var process = ChildProcess.Start("controller", Binaries.Controller, Path.GetTempPath(), "--listen", "127.0.0.1:0");

        Assert.Equal(2, await process.WaitForExitAsync(Limit));
        Assert.Contains("--tls-certificate: is required", Assert.Single(process.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_with_the_wrong_scheme_exits_2_naming_it_instead_of_crash_looping()
    {
        using var process = ChildProcess.Start("controller", Binaries.Controller, Path.GetTempPath(), "--no-tls", "--seed", "akka.ssl.tcp://cluster@127.0.0.1:9000");

        Assert.Equal(2, await process.WaitForExitAsync(Limit));
        Assert.StartsWith("controller: error: --seed", Assert.Single(process.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_node_names_the_bad_setting_and_where_it_came_from()
    {
        using var process = ChildProcess.Start("host", Binaries.HostNode, Path.GetTempPath(), "--no-tls", "--heartbeat-interval", "soon");

        Assert.Equal(2, await process.WaitForExitAsync(Limit));
        Assert.Contains("--heartbeat-interval: must be a positive duration like 500ms, 3s or 1m, got 'soon'", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_API_beyond_loopback_needs_a_token()
    {
        using var process = ChildProcess.Start("controller", Binaries.Controller, Path.GetTempPath(), "--no-tls", "--admin-urls", "http://0.0.0.0:0");

        Assert.Equal(2, await process.WaitForExitAsync(Limit));
        Assert.Contains("--admin-token: is required", process.Output, StringComparison.Ordinal);
    }
}

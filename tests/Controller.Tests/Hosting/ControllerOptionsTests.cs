using Cluster.Controller.FailureDetection;
using Cluster.Controller.Hosting;
using Cluster.Hosting.Configuration;

namespace Cluster.Controller.Tests.Hosting;

/// <summary>The controller's HA settings as an operator writes them on the command line.</summary>
public sealed class ControllerOptionsTests
{
    private static ControllerOptions Parse(params string[] args) =>
        ControllerOptions.From(Settings.Load(ControllerOptions.Specs, ["--no-tls", .. args], _ => null, null));

    [Theory]
    [InlineData("none", "admission control disabled")]
    [InlineData("tolerate:1", "1")]
    [InlineData("reserve:25,30", "25")]
    [InlineData("failover-hosts:h-3,h-4", "h-3")]
    public void Admission_policies_are_read_from_the_command_line(string value, string inDescription)
    {
        var options = Parse("--admission", value);

        Assert.Contains(inDescription, options.Vrm.Admission.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tolerate:0")]
    [InlineData("reserve:120,10")]
    [InlineData("failover-hosts:")]
    [InlineData("sometimes")]
    public void A_bad_admission_policy_names_the_setting_and_the_forms_it_takes(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Parse("--admission", value));

        Assert.Contains("admission", error.Setting, StringComparison.Ordinal);
        Assert.Contains("tolerate:N", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Phi_accrual_can_replace_missed_heartbeats()
    {
        Assert.Equal(FailureDetectorKind.MissedHeartbeats, Parse().Vrm.FailureDetector.Kind);
        Assert.Equal(FailureDetectorKind.PhiAccrual, Parse("--failure-detector", "phi").Vrm.FailureDetector.Kind);
        Assert.Contains("failure-detector", Assert.Throws<ConfigException>(() => Parse("--failure-detector", "gut")).Setting, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_detection_is_heartbeats_by_default_and_membership_takes_the_missed_heartbeats_once_the_node_is_lost()
    {
        Assert.Equal(HostDetectionMode.Heartbeats, Parse().Vrm.HostDetection.Mode);
        var membership = Parse("--host-detection", "membership").Vrm.HostDetection;
        Assert.Equal((HostDetectionMode.Membership, 2), (membership.Mode, membership.MissedWhenNodeGone));
        Assert.Equal(3, Parse("--host-detection", "membership:3").Vrm.HostDetection.MissedWhenNodeGone);
    }

    [Theory]
    [InlineData("membership:0")]
    [InlineData("membership:10")]
    [InlineData("membership:x")]
    [InlineData("heartbeats:2")]
    [InlineData("fast")]
    public void A_bad_host_detection_names_the_setting_and_the_forms_it_takes(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Parse("--host-detection", value));

        Assert.Contains("host-detection", error.Setting, StringComparison.Ordinal);
        Assert.Contains("membership[:N]", error.Reason, StringComparison.Ordinal);
    }
}

using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Tests.Hypervisor.Migration;

/// <summary>
/// The model against what QEMU 7.2 did under TCG on this machine, at QEMU's default 128 MiB/s <c>max-bandwidth</c>
/// and 300 ms <c>downtime-limit</c>. The model is not tuned to these figures; the tests hold it to their order of
/// magnitude, and the comments say how close it comes.
/// </summary>
public sealed class QemuMeasurementTests
{
    private const double QemuDefaultMaxBandwidth = 128;

    [Fact]
    public void An_idle_256_MiB_guest_moves_in_about_a_second_with_a_few_milliseconds_of_downtime()
    {
        // QEMU: 0.6–1.0 s, 3–24 ms downtime. Model: 2.04 s and 10 ms. The model sends every page in full, where QEMU
        // sends an idle guest's zero pages as a few bytes each, hence about twice as long.
        var result = PreCopyModel.Run(new PreCopyParameters(256, 0) { MaxBandwidthMibPerSecond = QemuDefaultMaxBandwidth });

        Assert.True(result.Converged);
        Assert.InRange(result.TotalTime.TotalSeconds, 0.5, 5);
        Assert.InRange(result.Downtime!.Value.TotalMilliseconds, 3, 30);
    }

    [Fact]
    public void A_guest_dirtying_a_nominal_8_MiB_per_second_converges_at_once_in_the_model_unlike_qemu_under_tcg()
    {
        // QEMU never converged this guest without auto-converge, and with it took 119 s, 24 syncs and a 90 % throttle.
        // No memory size makes the model do that: each pass leaves dirty/bandwidth = 8/128 of the one before, so pass 1
        // is followed by a switch-over whatever the size. The measurement therefore means the guest dirtied pages much
        // faster than 8 MiB/s (each small write dirties a 4 KiB page) or the copy ran far below 128 MiB/s under TCG on
        // two shared cores; the test below gives the model an effective rate instead.
        var result = PreCopyModel.Run(new PreCopyParameters(256, 8) { MaxBandwidthMibPerSecond = QemuDefaultMaxBandwidth });

        Assert.True(result.Converged);
        Assert.Single(result.Passes);
        Assert.Equal(0, result.FinalThrottlePercent);
    }

    [Fact]
    public void A_1_GiB_guest_dirtying_pages_several_times_faster_than_the_link_needs_the_measured_syncs_and_throttle()
    {
        // With pages dirtied at 600 MiB/s (4.7 × the link) a 1 GiB guest gives 23 syncs, a 90 % throttle and 141 s,
        // against QEMU's 24 syncs, 90 % and 119 s. The shape is QEMU's rule: the throttle rises every second high
        // period, 20 % then +10 %, until the guest dirties less than half of what is sent and the passes shrink.
        var parameters = new PreCopyParameters(1024, 600) { MaxBandwidthMibPerSecond = QemuDefaultMaxBandwidth };

        var result = PreCopyModel.Run(parameters);

        Assert.True(result.Converged);
        Assert.InRange(result.DirtySyncCount, 12, 48);
        Assert.InRange(result.FinalThrottlePercent, 80, 99);
        Assert.InRange(result.TotalTime.TotalSeconds, 60, 240);
    }

    [Fact]
    public void The_same_guest_never_converges_without_auto_converge()
    {
        var result = PreCopyModel.Run(new PreCopyParameters(1024, 600) { MaxBandwidthMibPerSecond = QemuDefaultMaxBandwidth, AutoConverge = AutoConverge.Off });

        Assert.Equal(MigrationStatus.Failed, result.Status);
    }
}

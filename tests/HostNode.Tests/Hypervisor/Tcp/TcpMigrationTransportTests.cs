using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor.Tcp;

/// <summary>What only a real network between two host-node processes can do: addresses, refusals at the door, TLS, a source that dies.</summary>
public sealed class TcpMigrationTransportTests
{
    private static readonly HostHardware Hardware = new(Sockets: 1, CoresPerSocket: 4, ThreadsPerCore: 1, ClockMhz: 2000, MemoryMb: 8192);
    private static readonly VmId Web = VmId.From("vm-0001");
    private static readonly MigrationParameters Transfer = new(1192, 300, AutoConverge: true);
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_incoming_guest_listens_at_the_targets_real_port_written_as_qemu_writes_it()
    {
        using var pair = new TcpPair();

        var prepared = pair.Target(Hardware).PrepareIncoming(Web, Guest(), 2);

        Assert.Equal($"tcp:127.0.0.1:{pair.TargetTransport.Port}", prepared.Uri);
        Assert.NotEqual(0, pair.TargetTransport.Port);
    }

    [Fact]
    public void A_source_not_older_than_the_incarnation_awaited_is_refused_and_runs_on()
    {
        using var pair = new TcpPair();
        var (source, target) = (pair.Source(Hardware), pair.Target(Hardware));
        source.Start(Web, Guest(), 6);
        var uri = target.PrepareIncoming(Web, Guest(), 5).Uri!;

        var failed = SendAndQuery(pair, source, uri, incarnation: 6);

        Assert.Equal(MigrationStatus.Failed, failed.Status);
        Assert.Contains("awaited as incarnation 5, not later than the source's 6", failed.Error, StringComparison.Ordinal);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 6)], source.Report());
    }

    [Fact]
    public void A_retry_after_a_rolled_back_move_awaits_a_later_incarnation_than_the_successor_and_is_accepted()
    {
        using var pair = new TcpPair();
        var (source, target) = (pair.Source(Hardware), pair.Target(Hardware));
        source.Start(Web, Guest(), 1);
        var uri = target.PrepareIncoming(Web, Guest(), 3).Uri!;

        var status = SendAndQuery(pair, source, uri);

        Assert.Equal(MigrationStatus.Active, status.Status);
    }

    [Fact]
    public void With_tls_a_source_whose_certificate_is_from_another_ca_is_refused_and_the_target_gets_nothing()
    {
        using var pair = new TcpPair(TestPki.Rogue("rogue"), TestPki.Node("host-b"));

        AssertRefusedAtTheDoor(pair);
    }

    [Fact]
    public void With_tls_a_source_without_a_certificate_is_refused_and_the_target_gets_nothing()
    {
        using var pair = new TcpPair(sourceTls: null, targetTls: TestPki.Node("host-b"));

        AssertRefusedAtTheDoor(pair);
    }

    [Fact]
    public void A_source_that_presents_the_cluster_certificate_to_a_target_with_another_ca_refuses_it()
    {
        using var pair = new TcpPair(TestPki.Node("host-a"), TestPki.Rogue("rogue"));

        AssertRefusedAtTheDoor(pair);
    }

    [Fact]
    public void A_target_whose_source_dies_before_the_transfer_completed_never_resumes()
    {
        using var pair = new TcpPair();
        var (source, target) = (pair.Source(Hardware), pair.Target(Hardware));
        source.Start(Web, Guest(memoryMb: 4096), 1);
        var uri = target.PrepareIncoming(Web, Guest(memoryMb: 4096), 2).Uri!;
        var midway = SendAndQuery(pair, source, uri, after: TimeSpan.FromSeconds(1));

        pair.KillSource();

        Assert.Equal(MigrationStatus.Active, midway.Status);
        Assert.NotNull(target.ResumeIncoming(Web, 2));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 2)], target.Report());
    }

    private static void AssertRefusedAtTheDoor(TcpPair pair)
    {
        var (source, target) = (pair.Source(Hardware), pair.Target(Hardware));
        source.Start(Web, Guest(), 1);
        var uri = target.PrepareIncoming(Web, Guest(), 2).Uri!;

        var failed = SendAndQuery(pair, source, uri);

        Assert.Equal(MigrationStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], source.Report());
        Assert.NotNull(target.ResumeIncoming(Web, 2));
    }

    private static PreCopyStatus SendAndQuery(TcpPair pair, SimulatedHypervisor source, string uri, TimeSpan? after = null, long incarnation = 1)
    {
        Assert.Null(source.MigrateOut(Web, incarnation, uri, Transfer, Start));
        pair.AwaitNetwork();
        return source.QueryMigration(Web, Start + (after ?? TimeSpan.FromMilliseconds(100)))!;
    }

    private static VmSpec Guest(long memoryMb = 512) =>
        new("web", 1, memoryMb, [new VmDisk(DatastoreId.From("ds-1"), 1)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);
}

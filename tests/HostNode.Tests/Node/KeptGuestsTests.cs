using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Node;

/// <summary>
/// <c>--guest-state</c>: what a stopped host-node process leaves for the next one. The next start runs the same guests at
/// the same incarnations and holds their leases as the ledger held them, so its CNA adopts them as after a rejoin.
/// </summary>
public sealed class KeptGuestsTests : IDisposable
{
    private static readonly VmId Web = VmId.From("vm-0001");
    private static readonly VmId Db = VmId.From("vm-0002");
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("kept-guests-").FullName, "h-1.guests");

    [Fact]
    public void A_restarted_process_runs_the_stopped_ones_guests_at_their_incarnations_with_their_leases_and_epoch()
    {
        var (before, machine) = Machine();
        before.Start(Web, Spec("web"), 3);
        before.Start(Db, Spec("db"), 1);
        before.Stop(Db, graceful: true);
        machine.Leases.Restore([new AdoptedLease(Web, Ds1, 3, At(-2))]);
        machine.Epochs.Note(7);
        KeptGuests.Save(_file, before.RunningGuests(), machine);

        var (after, next) = Machine();
        var kept = KeptGuests.TakeBack(_file, after, next);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], after.Report());
        Assert.Equal([new AdoptedLease(Web, Ds1, 3, At(-2))], next.Leases.Held());
        Assert.Equal(7, next.Epochs.Highest);
        Assert.Equal([Web], kept!.Guests.Select(g => g.Vm));
        Assert.False(File.Exists(_file), "a guest is taken back once; a later kill -9 stands for a host crash");
    }

    [Fact]
    public void Without_a_file_nothing_is_taken_back()
    {
        var (hypervisor, machine) = Machine();

        Assert.Null(KeptGuests.TakeBack(_file, hypervisor, machine));
        Assert.Empty(hypervisor.Report());
    }

    [Fact]
    public void A_guest_that_no_longer_fits_is_left_out_and_its_lease_not_held()
    {
        var (before, machine) = Machine();
        before.Start(Web, Spec("web") with { MemoryMb = 16_384 }, 1);
        machine.Leases.Restore([new AdoptedLease(Web, Ds1, 1, At(-1))]);
        KeptGuests.Save(_file, before.RunningGuests(), machine);

        var smaller = new SimulatedHypervisor(new HostHardware(1, 8, 1, 2000, 8_192));
        var next = new HostMachine(new CnaSettings(Host, smaller.Hardware, CpuFeatureSet.None, [Ds1]), smaller, new LeaseLedger());
        var kept = KeptGuests.TakeBack(_file, smaller, next);

        Assert.Empty(kept!.Guests);
        Assert.Empty(smaller.Report());
        Assert.Empty(next.Leases.Held());
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    private static (SimulatedHypervisor, HostMachine) Machine()
    {
        var hypervisor = new SimulatedHypervisor(Hardware);
        return (hypervisor, new HostMachine(new CnaSettings(Host, Hardware, CpuFeatureSet.None, [Ds1]), hypervisor, new LeaseLedger()));
    }
}

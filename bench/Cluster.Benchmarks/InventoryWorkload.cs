using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// A VRM journal built by index arithmetic (no randomness, so every run replays the same history): one
/// datastore, hosts registered and normal, VMs created, placed and running on them, then power churn
/// (crash, restart under a new incarnation, running again) until the requested number of events.
/// </summary>
public static class InventoryWorkload
{
    public const string Datastore = "ds-1";

    private static readonly HostHardware Hardware = new(2, 16, 2, 2600, 524_288);

    public static HostId Host(int index) => HostId.From($"host-{index:D4}");

    public static VmId Vm(int host, int slot) => VmId.From($"vm-{host:D4}-{slot:D3}");

    public static HostRegister Register(int host) =>
        new(Host(host), $"10.0.{host / 256}.{host % 256}:7000", Hardware, CpuFeatureSet.None, [DatastoreId.From(Datastore)]);

    /// <summary>What the host of <paramref name="host"/> reports after <see cref="Events"/>: each of its VMs running, incarnation 1.</summary>
    public static IReadOnlyList<VmRuntimeReport> RunningVms(int host, int vmsPerHost) =>
        [.. Enumerable.Range(0, vmsPerHost).Select(slot => new VmRuntimeReport(Vm(host, slot), VmPowerState.Running, 1))];

    /// <summary>
    /// The history: at least the steady state (hosts, then <paramref name="vmsPerHost"/> running VMs each),
    /// padded with churn up to <paramref name="totalEvents"/>. Churn moves incarnations on, so
    /// <see cref="RunningVms"/> matches only a history without churn.
    /// </summary>
    public static IEnumerable<IInventoryEvent> Events(int hosts, int vmsPerHost, int totalEvents = 0)
    {
        var count = 0;
        yield return new DatastoreAdded(DatastoreId.From(Datastore), Datastore, 100_000);
        count++;
        for (var h = 0; h < hosts; h++)
        {
            var register = Register(h);
            yield return new HostRegistered(register.HostId, register.Address, register.Hardware, register.CpuFeatures, register.ReachableDatastores);
            yield return new HostStateChanged(register.HostId, HostState.Connecting, HostState.Normal, "host registered");
            count += 2;
        }

        for (var slot = 0; slot < vmsPerHost; slot++)
        {
            for (var h = 0; h < hosts; h++)
            {
                var vm = Vm(h, slot);
                yield return new VmCreated(vm, Spec($"{vm}"));
                yield return new VmPlaced(vm, Host(h));
                yield return new VmPowerStateChanged(vm, VmPowerState.Stopped, VmPowerState.Starting, 1);
                yield return new VmPowerStateChanged(vm, VmPowerState.Starting, VmPowerState.Running, 1);
                count += 4;
            }
        }

        // Churn: VM after VM crashes and is restarted in place under the next incarnation.
        var vms = hosts * vmsPerHost;
        for (var round = 0; count < totalEvents && vms > 0; round++)
        {
            var incarnation = round + 2;
            var index = round % vms;
            var vm = Vm(index % hosts, index / hosts);
            yield return new VmPowerStateChanged(vm, VmPowerState.Running, VmPowerState.Crashed, incarnation - 1);
            yield return new VmPowerStateChanged(vm, VmPowerState.Crashed, VmPowerState.Starting, incarnation);
            yield return new VmPowerStateChanged(vm, VmPowerState.Starting, VmPowerState.Running, incarnation);
            count += 3;
        }
    }

    private static VmSpec Spec(string name) => new(
        name, 2, 4096, [new VmDisk(DatastoreId.From(Datastore), 40)], QosSpec.Default, QosSpec.Default, true, RestartPriority.Medium, CpuFeatureSet.None);
}

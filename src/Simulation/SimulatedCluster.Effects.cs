using Cluster.Controller.Vrm;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Simulation.Hosts;
using Cluster.Simulation.World;

namespace Cluster.Simulation;

/// <summary>How the world runs the deciders' effects: with production's effect runners, against the simulated hypervisors and lease store.</summary>
public sealed partial class SimulatedCluster
{
    private void HandleEffects(StorageLeaseReader storageReader)
    {
        World.HandleEffect<ReadStorageLeases>((read, _) => EffectResult.Now(Completed(storageReader.RunAsync(read))));
        World.HandleEffect<PerformHypervisorOperation>((request, by) => EffectResult.Now(HostAt(by).HypervisorRunner.Run(request)));
        World.HandleEffect<AcquireStorageLease>(RunStorageEffect);
        World.HandleEffect<RenewStorageLease>(RunStorageEffect);
        World.HandleEffect<ReleaseStorageLease>(RunStorageEffect);
        World.HandleEffect<ProbeDatastores>(RunStorageEffect);

        // The failure detector and the isolation ping talk over the host's management links, so they are deciders of
        // the host node: the effect is handed to them, and they answer the CNA when they know.
        World.HandleEffect<WatchController>((watch, by) => HandTo(by, ControllerWatcherDecider.Name, watch));
        World.HandleEffect<PingIsolationAddress>((ping, by) => HandTo(by, IsolationPingerDecider.Name, ping));
    }

    private EffectResult RunStorageEffect(object effect, SimAddress by) => EffectResult.Now(Completed(HostAt(by).StorageLeaseRunner.RunAsync(effect)));

    private EffectResult HandTo(SimAddress by, string decider, object effect)
    {
        World.Send(new SimAddress(by.Node, decider), effect, by.AsPeer());
        return EffectResult.Nothing;
    }

    private SimulatedHostRuntime HostAt(SimAddress by) => _hosts[HostId.From(by.Node)];

    /// <summary>The in-memory stores answer at once; a task still running would be real I/O the simulation cannot wait for.</summary>
    private static T Completed<T>(Task<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("a simulated store did not answer synchronously");
}

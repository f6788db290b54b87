using Cluster.Runtime.Deciders;

namespace Cluster.Controller.Vrm;

/// <summary>The VRM decider's one effect under Akka: reading VMs' storage write-leases, whose answer comes back as an input.</summary>
public sealed class VrmEffectRunner(StorageLeaseReader leaseReader) : IEffectRunner
{
    public ValueTask<object> Run(object effect) => effect switch
    {
        ReadStorageLeases read => new ValueTask<object>(leaseReader.RunAsync(read)),
        _ => throw new ArgumentException($"The VRM has no runner for effect {effect}.", nameof(effect)),
    };
}

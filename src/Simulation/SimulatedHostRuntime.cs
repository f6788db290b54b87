using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;

namespace Cluster.Simulation;

/// <summary>One life of a compute host's machinery outside its CNA: the hypervisor, and the runners of the CNA's effects.</summary>
internal sealed record SimulatedHostRuntime(SimulatedHypervisor Hypervisor, HypervisorEffectRunner HypervisorRunner, StorageLeaseEffectRunner StorageLeaseRunner);

using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>Two simulated hypervisors on one in-process migration network, whose link the test can cut.</summary>
internal sealed class SimulatedPair
{
    private readonly InProcessMigrationNetwork _network;
    private readonly GuestWorkloads _workloads = new();

    public GuestWorkloads Workloads => _workloads;
    private bool _cut;

    public SimulatedPair() => _network = new InProcessMigrationNetwork((_, _) => !_cut);

    public SimulatedHypervisor Source(HostHardware hardware) => new(hardware, site: new SimulatedHostSite("host-a", _network, _workloads));

    public SimulatedHypervisor Target(HostHardware hardware) => new(hardware, site: new SimulatedHostSite("host-b", _network, _workloads));

    public void CutLink() => _cut = true;
}

using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// The <see cref="Cluster.Deciders.Peer"/> of the VM agent of <paramref name="Vm"/> when agents run as child actors
/// (<see cref="Cna.CnaDeciderSettings.AgentsAsChildren"/>): the CNA decider only names the agent, and the runtime maps
/// the name to a child, created by the first message to it.
/// </summary>
public sealed record VmAgentAddress(VmId Vm);

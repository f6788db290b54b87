using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// An operator's command the VRM acknowledged in time with a view of the VM; <paramref name="JournalSequenceNrBefore"/>
/// is where the VRM's journal stood when it was sent, so its event is to be found after that.
/// </summary>
public sealed record AcknowledgedCommand(object Question, VmView Answer, long JournalSequenceNrBefore)
{
    public override string ToString() => $"{Question} acknowledged ({Answer.PowerState})";
}

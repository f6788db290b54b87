using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// One live migration with its reason. <see cref="Automatic"/> says whether the automation level lets
/// it run without an operator. Benefit and cost are in load-seconds (see docs/drs-dpm.md); both are 0
/// for moves that are mandatory rather than balancing.
/// </summary>
public sealed record MigrationRecommendation(
    VmId Vm,
    HostId Source,
    HostId Target,
    MigrationReason Reason,
    string Detail,
    double EstimatedSeconds,
    double Benefit,
    double Cost,
    bool Automatic)
{
    public override string ToString() => $"{Vm}: {Source} -> {Target} ({Reason}: {Detail})";
}

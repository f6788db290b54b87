namespace Cluster.Simulation.Trace;

/// <summary>
/// How an oversubscribable host divides its CPU among its VMs, as CloudSim 3.0.3's time-shared
/// over-subscription scheduler does: each VM asks for its demand capped at one core; if all requests
/// fit they are granted, otherwise every VM gets the same fraction of its request, rounded down to
/// whole MIPS. Migration roles scale both the request and the grant.
/// </summary>
public static class CpuShare
{
    private const double OutgoingShare = 0.9;
    private const double IncomingShare = 0.1;

    /// <summary>
    /// Fills <paramref name="allocated"/> (aligned with <paramref name="vms"/>) and returns the MIPS left,
    /// which is 0 once the host is oversubscribed.
    /// </summary>
    public static double Allocate(
        ReadOnlySpan<int> vms,
        ReadOnlySpan<MigrationRole> roles,
        ReadOnlySpan<double> requestedByVm,
        double peMips,
        double totalMips,
        Span<double> allocated)
    {
        var available = totalMips;
        var oversubscribed = false;
        for (var i = 0; i < vms.Length; i++)
        {
            var capped = Math.Min(requestedByVm[vms[i]], peMips);
            var reserved = (roles[i] & MigrationRole.In) != 0 ? capped * IncomingShare : capped;
            if (!oversubscribed && available >= reserved)
            {
                allocated[i] = Grant(capped, roles[i]);
                available -= reserved;
            }
            else
            {
                oversubscribed = true;
            }
        }

        if (!oversubscribed)
        {
            return available;
        }

        var required = 0.0;
        for (var i = 0; i < vms.Length; i++)
        {
            var capped = Math.Min(requestedByVm[vms[i]], peMips);
            required += (roles[i] & MigrationRole.In) != 0 ? capped * IncomingShare : capped;
        }

        var scale = totalMips / required;
        for (var i = 0; i < vms.Length; i++)
        {
            var capped = Math.Min(requestedByVm[vms[i]], peMips);
            allocated[i] = Math.Floor(
                (roles[i] & MigrationRole.Out) != 0 ? capped * scale * OutgoingShare
                : (roles[i] & MigrationRole.In) != 0 ? capped * IncomingShare * scale
                : capped * scale);
        }

        return 0;
    }

    private static double Grant(double capped, MigrationRole role) =>
        (role & MigrationRole.Out) != 0 ? capped * OutgoingShare
        : (role & MigrationRole.In) != 0 ? capped * IncomingShare
        : capped;
}

namespace Cluster.Simulation.Trace;

/// <summary>
/// Integrates CloudSim-style state histories online: each host and VM records (time, delivered,
/// requested, flag) at every update; a later record at the same time replaces the earlier one, and
/// each interval is charged with the values recorded at its start.
/// </summary>
internal sealed class SlaLedger
{
    private readonly double[] hostTime, hostDelivered, hostRequested, vmTime, vmDelivered, vmRequested;
    private readonly bool[] hostActive, hostPreviousActive, vmMigrating;

    public SlaLedger(int hosts, int vms)
    {
        hostTime = Filled(hosts);
        hostDelivered = new double[hosts];
        hostRequested = new double[hosts];
        hostActive = new bool[hosts];
        hostPreviousActive = new bool[hosts];
        vmTime = Filled(vms);
        vmDelivered = new double[vms];
        vmRequested = new double[vms];
        vmMigrating = new bool[vms];
    }

    public double ActiveHostSeconds { get; private set; }

    public double OverloadedHostSeconds { get; private set; }

    public double RequestedMipsSeconds { get; private set; }

    public double MigrationLostMipsSeconds { get; private set; }

    public int HostPowerOffs { get; private set; }

    public void RecordHost(int host, double time, double delivered, double requested, bool active)
    {
        var previous = hostTime[host];
        if (previous >= 0 && time > previous)
        {
            var span = time - previous;
            if (hostActive[host])
            {
                ActiveHostSeconds += span;
                if (hostDelivered[host] < hostRequested[host])
                {
                    OverloadedHostSeconds += span;
                }
            }

            if (hostPreviousActive[host] && !hostActive[host])
            {
                HostPowerOffs++;
            }

            hostPreviousActive[host] = hostActive[host];
        }

        hostTime[host] = time;
        hostDelivered[host] = delivered;
        hostRequested[host] = requested;
        hostActive[host] = active;
    }

    public void RecordVm(int vm, double time, double delivered, double requested, bool migrating)
    {
        var previous = vmTime[vm];
        if (previous >= 0 && time > previous)
        {
            var span = time - previous;
            RequestedMipsSeconds += vmRequested[vm] * span;
            if (vmMigrating[vm] && vmDelivered[vm] < vmRequested[vm])
            {
                MigrationLostMipsSeconds += (vmRequested[vm] - vmDelivered[vm]) * span;
            }
        }

        vmTime[vm] = time;
        vmDelivered[vm] = delivered;
        vmRequested[vm] = requested;
        vmMigrating[vm] = migrating;
    }

    /// <summary>Counts a power-off whose idle record is the last one.</summary>
    public void Close()
    {
        for (var host = 0; host < hostTime.Length; host++)
        {
            if (hostPreviousActive[host] && !hostActive[host])
            {
                HostPowerOffs++;
            }
        }
    }

    private static double[] Filled(int count)
    {
        var values = new double[count];
        Array.Fill(values, -1);
        return values;
    }
}

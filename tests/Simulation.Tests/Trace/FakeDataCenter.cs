using System.Runtime.InteropServices;
using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

/// <summary>A hand-made data-centre view for policy tests: hosts by type, VMs with demand and history.</summary>
internal sealed class FakeDataCenter : IDataCenterView
{
    private readonly List<HostType> hostTypes = [];
    private readonly List<List<int>> vmsOn = [];
    private readonly List<(double Mips, int Ram, int Host, double Requested, double[] History)> vms = [];

    public double Time { get; set; } = 300.1;

    public double SchedulingIntervalSeconds => 300;

    public int HostCount => hostTypes.Count;

    public int VmCount => vms.Count;

    public int AddHost(HostType type)
    {
        hostTypes.Add(type);
        vmsOn.Add([]);
        return hostTypes.Count - 1;
    }

    public int AddVm(int host, double mips, int ramMb, double requestedMips, params double[] history)
    {
        vms.Add((mips, ramMb, host, requestedMips, history));
        vmsOn[host].Add(vms.Count - 1);
        return vms.Count - 1;
    }

    public HostRoundState Host(int host)
    {
        var delivered = 0.0;
        foreach (var vm in vmsOn[host])
        {
            delivered += vms[vm].Requested;
        }

        return new HostRoundState(host, hostTypes[host], delivered, delivered, vmsOn[host].Count);
    }

    public VmRoundState Vm(int vm) => new(vm, vms[vm].Mips, vms[vm].Ram, vms[vm].Host, vms[vm].Requested, false);

    public ReadOnlySpan<int> VmsOn(int host) => CollectionsMarshal.AsSpan(vmsOn[host]);

    public ReadOnlySpan<double> UtilizationHistory(int vm) => vms[vm].History;

    public double MigrationSeconds(int vm) => vms[vm].Ram / 62.5;
}

namespace Cluster.Simulation.Trace;

/// <summary>
/// The two baselines that never migrate: first-fit at time 0. DVFS: idle hosts draw nothing, busy
/// ones scale with load. NPA (no power awareness): every host is on at full power all the time.
/// </summary>
public sealed class StaticPlacementPolicy : IConsolidationPolicy
{
    private StaticPlacementPolicy(string name, bool powerAware)
    {
        Name = name;
        IsPowerAware = powerAware;
    }

    public static StaticPlacementPolicy DvfsOnly { get; } = new("dvfs", powerAware: true);

    public static StaticPlacementPolicy NoPowerAwareness { get; } = new("npa", powerAware: false);

    public string Name { get; }

    public bool IsPowerAware { get; }

    public IReadOnlyList<Migration> PlaceInitially(IDataCenterView view) => CloudSimInitialPlacement.FirstFit(view);

    public IReadOnlyList<Migration> Consolidate(IDataCenterView view) => [];
}

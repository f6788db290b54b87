namespace Cluster.Controller.Vrm;

/// <summary>The periodic timer input on which HA looks again at isolated VMs and crashed guests.</summary>
public sealed record HaRecheck
{
    public const string TimerKey = "ha-recheck";

    public static readonly HaRecheck Instance = new();
}

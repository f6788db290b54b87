namespace Cluster.Controller.Vrm;

/// <summary>The periodic timer input on which the VRM looks for hosts that stopped heartbeating.</summary>
public sealed record DetectTick
{
    public const string TimerKey = "detect";

    public static readonly DetectTick Instance = new();
}

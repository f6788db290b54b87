namespace Cluster.Simulation.Trace;

/// <summary>Decides whether a host is overloaded (its VMs should start moving off).</summary>
public interface IOverloadDetector
{
    /// <summary>Short name with its parameter, e.g. "lr-1.2".</summary>
    string Name { get; }

    bool IsOverloaded(in HostLoad load);
}

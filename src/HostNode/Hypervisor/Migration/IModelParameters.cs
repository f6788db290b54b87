namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>Parameters a model can check before it runs them.</summary>
public interface IModelParameters
{
    /// <summary>Why these parameters cannot be modelled; empty when they can.</summary>
    IReadOnlyList<string> Problems();
}

namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>Parameters a model cannot run are a caller's mistake, so they throw, naming every problem at once.</summary>
internal static class ParameterProblems
{
    public static T Checked<T>(T parameters)
        where T : IModelParameters
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = parameters.Problems();
        return problems.Count == 0 ? parameters : throw new ArgumentException(string.Join("; ", problems), nameof(parameters));
    }
}

namespace Cluster.Controller.Vrm.Vms;

/// <summary>Timer input: the host has not answered hot reconfigure <paramref name="CommandId"/> in time; the operator is told so.</summary>
public sealed record HotReconfigureWaitExpired(long CommandId)
{
    /// <summary>Under the admin API's ask timeout (5 s), so the operator hears the VRM's answer rather than a 504.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(4);

    public static string TimerKey(long commandId) => $"hot-reconfigure/{commandId}";
}

namespace Cluster.Runtime.Cluster;

/// <summary>One refused setting: its name and why, printed as one line before the process exits 2.</summary>
public sealed record SettingError(string Setting, string Reason)
{
    public override string ToString() => $"{Setting}: {Reason}";
}

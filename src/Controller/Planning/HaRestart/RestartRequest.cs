using Cluster.Messages;

namespace Cluster.Controller.Planning.HaRestart;

/// <summary>A VM HA wants restarted, and which attempt this is (1 for the first).</summary>
public sealed record RestartRequest(VmId VmId, int Attempt = 1);

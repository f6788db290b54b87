namespace Cluster.Simulation.Scenarios;

/// <summary>How a scenario's admin commands (adding the datastores, vm create, start, stop, delete) reach the VRM.</summary>
public enum OperatorAsks
{
    /// <summary>Each command runs the cluster until the VRM answers (at most 5 s), and its answer follows it in the log.</summary>
    Wait,

    /// <summary>
    /// Each command is sent and time goes on only with <c>advance</c>; answers are read after each step (one later than
    /// 5 s counts as none). The randomized runs ask this way, so several commands can be in flight at once.
    /// </summary>
    NoWait,
}

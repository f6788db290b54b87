namespace Cluster.Actors;

internal enum CellState
{
    /// <summary>Created; the instance is made when the Create step runs on the mailbox.</summary>
    Creating,
    Running,

    /// <summary>Failed; waiting for the supervisor's directive.</summary>
    Suspended,

    /// <summary>Stopping: waiting for children to stop.</summary>
    Terminating,
    Terminated,
}

namespace Cluster.Controller.Planning.Dpm;

/// <summary>A DPM pass's plan and the state to give the next pass.</summary>
public sealed record DpmResult(DpmPlan Plan, DpmState State);

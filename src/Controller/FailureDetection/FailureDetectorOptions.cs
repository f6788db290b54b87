namespace Cluster.Controller.FailureDetection;

public enum FailureDetectorKind
{
    /// <summary>Fixed timeout: N missed heartbeats (the default; what operators of vSphere/FusionCompute expect).</summary>
    MissedHeartbeats,

    /// <summary>Adaptive: phi accrual over each host's own heartbeat rhythm.</summary>
    PhiAccrual,
}

/// <summary>The VRM's failure-detector configuration: which kind, and the parameters of each.</summary>
public sealed record FailureDetectorOptions
{
    public FailureDetectorKind Kind { get; init; } = FailureDetectorKind.MissedHeartbeats;

    public MissedHeartbeatsOptions MissedHeartbeats { get; init; } = new();

    public PhiAccrualOptions PhiAccrual { get; init; } = new();

    /// <summary>A fresh detector for one host.</summary>
    public IFailureDetector Create() => Kind switch
    {
        FailureDetectorKind.MissedHeartbeats => new MissedHeartbeatsDetector(MissedHeartbeats),
        FailureDetectorKind.PhiAccrual => new PhiAccrualFailureDetector(PhiAccrual),
        _ => throw new ArgumentException($"{nameof(Kind)} {Kind} is not a known failure detector.", nameof(Kind)),
    };
}

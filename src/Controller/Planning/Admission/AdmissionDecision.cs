namespace Cluster.Controller.Planning.Admission;

/// <summary>The verdict of an admission policy, with a reason an operator can act on when it refuses.</summary>
public sealed record AdmissionDecision(bool Admitted, string Reason)
{
    public static AdmissionDecision Admit { get; } = new(true, "admitted");

    public static AdmissionDecision Refuse(string reason) => new(false, reason);
}

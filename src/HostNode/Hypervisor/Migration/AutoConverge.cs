namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// QEMU's auto-converge capability: the guest's vCPUs are put to sleep for a share of every time slice (the throttle),
/// so a throttled guest dirties memory in proportion to the CPU it still gets. Percentages are QEMU's
/// <c>cpu-throttle-initial</c>, <c>cpu-throttle-increment</c>, <c>max-cpu-throttle</c> and
/// <c>throttle-trigger-threshold</c>, with QEMU's defaults.
/// </summary>
public sealed record AutoConverge(
    bool Enabled,
    int InitialPercent = 20,
    int IncrementPercent = 10,
    int MaxPercent = 99,
    int TriggerThresholdPercent = 50)
{
    public static AutoConverge Off { get; } = new(Enabled: false);

    /// <summary>On, with QEMU's percentages.</summary>
    public static AutoConverge On { get; } = new(Enabled: true);

    /// <summary>Whether a throttle raise can still slow the guest down.</summary>
    public bool CanRaise(int throttlePercent) => Enabled && throttlePercent < MaxPercent;

    /// <summary>The next throttle: the initial one when none is active, else one increment more, never past the maximum.</summary>
    public int Raise(int throttlePercent) =>
        throttlePercent == 0 ? InitialPercent : Math.Min(throttlePercent + IncrementPercent, MaxPercent);

    internal IEnumerable<string> Problems()
    {
        if (InitialPercent is < 1 or > 99 || MaxPercent is < 1 or > 99 || InitialPercent > MaxPercent)
        {
            yield return "auto-converge: initial and max throttle must be 1–99 % with initial ≤ max";
        }

        if (IncrementPercent is < 1 or > 99)
        {
            yield return "auto-converge: the increment must be 1–99 %";
        }

        if (TriggerThresholdPercent is < 1 or > 100)
        {
            yield return "auto-converge: the trigger threshold must be 1–100 %";
        }
    }
}

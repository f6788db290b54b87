namespace Cluster.HostNode.Node;

/// <summary>What the process does once an actor system has ended: rejoin with a fresh one after <paramref name="Pause"/>, or exit with <paramref name="ExitCode"/>.</summary>
public sealed record NodeDecision(bool Rejoin, int ExitCode, TimeSpan Pause, string Why)
{
    public static NodeDecision RejoinAfter(TimeSpan pause, string why) => new(true, 0, pause, why);

    public static NodeDecision Exit(int code, string why) => new(false, code, TimeSpan.Zero, why);
}

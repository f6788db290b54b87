using Cluster.Deciders;

namespace Cluster.HostNode.Node;

/// <summary>Copies a decider's step into another, changing where messages go; how the host's shells adapt a step.</summary>
internal static class StepCopy
{
    /// <param name="source">The decider's step, read only now.</param>
    /// <param name="redirect">The message as it should be sent, or null to drop it.</param>
    /// <param name="keepStop">Whether the copy stops the actor when the source asked to.</param>
    public static Step Of(Step source, Func<Outbound, Outbound?> redirect, bool keepStop)
    {
        var copy = new Step();
        foreach (var @event in source.Events)
        {
            copy.Persist(@event);
        }

        foreach (var message in source.Messages)
        {
            if (redirect(message) is { } sent)
            {
                copy.Send(sent.To, sent.Message);
            }
        }

        foreach (var timer in source.Timers)
        {
            copy.Schedule(timer);
        }

        foreach (var effect in source.Effects)
        {
            copy.Run(effect);
        }

        if (source.Snapshot is { } snapshot)
        {
            copy.SaveSnapshot(snapshot);
        }

        if (source.Unhandled is { } unhandled)
        {
            copy.ReportUnhandled(unhandled);
        }

        if (keepStop && source.StopRequested)
        {
            copy.Stop();
        }

        return copy;
    }
}

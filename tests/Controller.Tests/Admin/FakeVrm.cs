using System.Collections.Concurrent;
using Cluster.Actors;

namespace Cluster.Controller.Tests.Admin;

/// <summary>
/// Stands in for the VRM actor: these are unit tests of the HTTP mapping, so the "VRM" answers each
/// protocol message with whatever the test scripts (null = never answer, to provoke the ask timeout)
/// and records what it was asked, so a test can check what a route sent.
/// </summary>
internal sealed class FakeVrm(Func<object, object?> respond, ConcurrentQueue<object> received) : ActorBase
{
    public static Props Props(Func<object, object?> respond, ConcurrentQueue<object> received) =>
        Cluster.Actors.Props.Create(() => new FakeVrm(respond, received));

    protected override void OnReceive(object message)
    {
        received.Enqueue(message);
        if (respond(message) is { } reply)
        {
            Sender.Tell(reply, Self);
        }
    }
}

using System.Collections.Concurrent;
using Cluster.Controller.Admin;

namespace Cluster.Controller.Tests.Admin;

/// <summary>
/// Stands in for the VRM: these are unit tests of the HTTP mapping, so the "VRM" answers each question with whatever
/// the test scripts — null never answers (the ask times out), an exception is a failure inside the VRM — and records
/// what it was asked, so a test can check what a route sent.
/// </summary>
internal sealed class ScriptedVrm(Func<object, object?> respond, bool running) : IVrmClient
{
    public ConcurrentQueue<object> Received { get; } = new();

    public Task<object?> AskAsync(object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!running)
        {
            throw new VrmUnavailableException("the VRM is not running on this controller");
        }

        Received.Enqueue(question);
        return respond(question) switch
        {
            null => throw new TimeoutException($"no answer within {timeout}"),
            Exception failure => throw failure,
            var reply => Task.FromResult<object?>(reply),
        };
    }
}

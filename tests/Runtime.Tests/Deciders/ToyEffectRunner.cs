using System.Collections.Concurrent;
using Cluster.Runtime.Deciders;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>Answers a synchronous lookup at once; an asynchronous one when the test calls <see cref="Complete"/>.</summary>
public sealed class ToyEffectRunner : IEffectRunner
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object>> _pending = new();

    public ValueTask<object> Run(object effect)
    {
        var lookup = (Lookup)effect;
        return lookup.Synchronous
            ? ValueTask.FromResult<object>(new LookedUp(lookup.Key, $"value-of-{lookup.Key}"))
            : new ValueTask<object>(Pending(lookup.Key).Task);
    }

    public void Complete(string key, string value) => Pending(key).SetResult(new LookedUp(key, value));

    public void Fail(string key) => Pending(key).SetException(new InvalidOperationException($"lookup of {key} broke"));

    private TaskCompletionSource<object> Pending(string key) =>
        _pending.GetOrAdd(key, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}

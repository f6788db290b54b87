namespace Cluster.Actors;

/// <summary>Replies that complete an ask: success with a value, or failure with the cause.</summary>
public abstract record Status
{
    public sealed record Success(object? Value) : Status;

    public sealed record Failure(Exception Cause) : Status;
}

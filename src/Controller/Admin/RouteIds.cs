using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Turns an {id} route value into a typed id; a blank one is a 400 naming "id", never the constructor's throw. Every id
/// the cluster gives or accepts fits the naming rule's length, so a longer one is refused before any lookup and never
/// echoed back whole.
/// </summary>
internal static class RouteIds
{
    public static bool TryParse<TId>(string? raw, out TId id, out IResult? error)
        where TId : struct, IStringId<TId>
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            id = default;
            error = AdminResults.Invalid("id", "must be a non-empty id");
            return false;
        }

        if (raw.Length > NameRules.MaxLength)
        {
            id = default;
            error = AdminResults.Invalid("id", $"must be at most {NameRules.MaxLength} characters, got {raw.Length}");
            return false;
        }

        id = TId.From(raw);
        error = null;
        return true;
    }

    /// <summary>Runs <paramref name="then"/> with the parsed id, or answers the 400 without running it.</summary>
    public static Task<IResult> Then<TId>(string? raw, Func<TId, Task<IResult>> then)
        where TId : struct, IStringId<TId>
    {
        ArgumentNullException.ThrowIfNull(then);
        return TryParse<TId>(raw, out var id, out var error) ? then(id) : Task.FromResult(error!);
    }
}

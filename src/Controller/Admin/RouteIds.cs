using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>Turns an {id} route value into a typed id; a blank one is a 400 naming "id", never the constructor's throw.</summary>
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

        id = TId.From(raw);
        error = null;
        return true;
    }
}

using System.Text.Json;
using Cluster.Shell.Http;

namespace Cluster.Shell.Interactive;

/// <summary>
/// The ids Tab offers for a palette's <c>&lt;id&gt;</c> argument: <c>GET /api/{palette}s</c>, the
/// <c>{palette}Id</c> (or <c>id</c>) of each item, so a new palette with a list route completes by itself;
/// for the cluster palette's <c>&lt;address&gt;</c>, the member addresses of <c>GET /api/cluster/members</c>.
/// Kept for <see cref="CacheFor"/> so repeated Tabs do not hit the controller; an unreachable controller
/// or an unreadable answer simply completes nothing.
/// </summary>
public sealed class IdCatalog(Func<AdminClient> client, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, (long At, IReadOnlyList<string> Ids)> _cache = new(StringComparer.Ordinal);

    public IReadOnlyList<string> IdsOf(string palette)
    {
        ArgumentNullException.ThrowIfNull(palette);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(palette, out var cached) && time.GetElapsedTime(cached.At, now) < CacheFor)
        {
            return cached.Ids;
        }

        var ids = Fetch(palette);
        _cache[palette] = (now, ids);
        return ids;
    }

    private IReadOnlyList<string> Fetch(string palette)
    {
        try
        {
            using var patience = new CancellationTokenSource(Patience, time);
            // The line editor is synchronous (Console.ReadKey); a Tab may wait for the controller briefly.
            var path = palette == "cluster" ? "/api/cluster/members" : $"/api/{palette}s";
            var response = client().GetAsync(path, patience.Token).GetAwaiter().GetResult();
            return response.IsSuccess ? Read(response.Body, palette) : [];
        }
        catch (Exception ex) when (ex is CannotConnectException or OperationCanceledException or JsonException or Parsing.UsageException)
        {
            return [];
        }
    }

    private static List<string> Read(string body, string palette)
    {
        using var document = JsonDocument.Parse(body);
        var list = document.RootElement;
        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("members", out var members))
        {
            list = members;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && (item.TryGetProperty(palette + "Id", out var id) || item.TryGetProperty("id", out id) || item.TryGetProperty("address", out id))
                && id.ValueKind == JsonValueKind.String)
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }
}

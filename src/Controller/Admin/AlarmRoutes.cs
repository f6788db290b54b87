using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>/api/alarms: the alarm inventory (active, or with ?all=true the recently cleared too) and acknowledgement.</summary>
internal static class AlarmRoutes
{
    /// <summary>Who acknowledged, when the request does not say.</summary>
    public const string DefaultAcknowledger = "operator";

    public const int MaxAcknowledgerLength = 64;

    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapGet("/alarms", (HttpRequest request) =>
        {
            var query = new QueryReader(request.Query);
            var all = query.Bool("all", fallback: false);
            return query.Errors.Count > 0
                ? Task.FromResult(AdminResults.Invalid(query.Errors))
                : vrm.AskAsync<AlarmList>(new ListAlarms(all), l => AdminResults.Json(l.Alarms, json.IReadOnlyListAlarmView));
        });

        api.MapGet("/alarms/{id}", (string id) => string.IsNullOrWhiteSpace(id)
            ? Task.FromResult(AdminResults.Invalid("id", "must be a non-empty id"))
            : vrm.AskAsync<AlarmView>(new GetAlarm(id), a => AdminResults.Json(a, json.AlarmView)));

        api.MapPost("/alarms/{id}/ack", (string id, HttpRequest request) => AcknowledgeAsync(id, request, vrm));
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpRequest request, VrmGateway vrm)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return AdminResults.Invalid("id", "must be a non-empty id");
        }

        var by = DefaultAcknowledger;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, error) = await StrictJsonBody.ReadAsync<AcknowledgeAlarmRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (error is not null)
            {
                return AdminResults.Invalid([error]);
            }

            if (body!.By is { } named)
            {
                if (string.IsNullOrWhiteSpace(named) || named.Length > MaxAcknowledgerLength)
                {
                    return AdminResults.Invalid("by", $"must be 1 to {MaxAcknowledgerLength} characters");
                }

                by = named;
            }
        }

        return await vrm.AskAsync<AlarmView>(new AcknowledgeAlarm(id, by), a => AdminResults.Json(a, ClusterMessagesJsonContext.Default.AlarmView)).ConfigureAwait(false);
    }
}

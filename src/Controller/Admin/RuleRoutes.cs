using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// The rule inventory: /api/groups (VM and host groups, saved whole) and /api/rules (created and deleted whole). The
/// VRM validates the rule set and refuses a conflict naming it; these routes check the body's shape and translate.
/// </summary>
internal static class RuleRoutes
{
    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapGet("/groups", () => vrm.AskAsync<GroupList>(new ListGroups(), l => AdminResults.Json(l.Groups, json.IReadOnlyListGroupView)));
        api.MapGet("/groups/{name}", (string name) => WithName(name, n => vrm.AskAsync<GroupView>(new GetGroup(n), g => AdminResults.Json(g, json.GroupView))));
        api.MapPost("/groups", (HttpRequest request) => SaveGroupAsync(request, vrm));
        api.MapDelete("/groups/{name}", (string name) => WithName(name, n => vrm.AskAsync<GroupList>(new DeleteGroup(n), _ => Results.NoContent())));

        api.MapGet("/rules", () => vrm.AskAsync<RuleList>(new ListRules(), l => AdminResults.Json(l.Rules, json.IReadOnlyListRuleView)));
        api.MapGet("/rules/{name}", (string name) => WithName(name, n => vrm.AskAsync<RuleView>(new GetRule(n), r => AdminResults.Json(r, json.RuleView))));
        api.MapPost("/rules", (HttpRequest request) => CreateRuleAsync(request, vrm));
        api.MapDelete("/rules/{name}", (string name) => WithName(name, n => vrm.AskAsync<RuleList>(new DeleteRule(n), _ => Results.NoContent())));
    }

    private static async Task<IResult> SaveGroupAsync(HttpRequest request, VrmGateway vrm)
    {
        var (body, error) = await StrictJsonBody.ReadAsync<SaveGroupRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return AdminResults.Invalid([error]);
        }

        var errors = new List<FieldError>();
        if (NameRules.Problem(body!.Name) is { } problem)
        {
            errors.Add(new FieldError("name", problem));
        }

        if (body.Kind is null)
        {
            errors.Add(new FieldError("kind", "is required: Vm or Host"));
        }

        if (body.Members is null)
        {
            errors.Add(new FieldError("members", "is required (an empty list empties the group)"));
        }

        if (errors.Count > 0)
        {
            return AdminResults.Invalid(errors);
        }

        return await vrm.AskAsync<GroupView>(new SaveGroup(body.Name!, body.Kind!.Value, body.Members!), g => AdminResults.Json(g, ClusterMessagesJsonContext.Default.GroupView, StatusCodes.Status201Created)).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateRuleAsync(HttpRequest request, VrmGateway vrm)
    {
        var (body, error) = await StrictJsonBody.ReadAsync<CreateRuleRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return error is not null
            ? AdminResults.Invalid([error])
            : await vrm.AskAsync<RuleView>(new CreateRule(body!), r => AdminResults.Json(r, ClusterMessagesJsonContext.Default.RuleView, StatusCodes.Status201Created)).ConfigureAwait(false);
    }

    /// <summary>Group and rule names follow the naming rule; one that cannot be a name is a 400 before any lookup.</summary>
    private static Task<IResult> WithName(string name, Func<string, Task<IResult>> then) =>
        NameRules.Problem(name) is { } problem ? Task.FromResult(AdminResults.Invalid("name", problem)) : then(name);
}

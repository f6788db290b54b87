using Cluster.Actors;
using Cluster.Persistence;

namespace Cluster.Controller.Admin;

/// <summary>
/// The controller's admin HTTP API: maps /healthz and /api/* onto an endpoint builder (a WebApplication).
/// It holds no state of its own; the VRM actor answers about the cluster and the journal about events.
/// </summary>
public sealed class AdminApi
{
    private readonly ActorSystem _system;
    private readonly Func<ActorRef?> _vrm;
    private readonly IJournal _journal;
    private readonly IEventSerializer _serializer;
    private readonly AdminApiOptions _options;
    private readonly IClusterAdmin? _cluster;
    private readonly ILogger _log;

    /// <param name="system">Asks go through this system's temporary actors.</param>
    /// <param name="vrm">Yields the current VRM actor, or null while this controller runs none (503).</param>
    /// <param name="journal">The event journal that /api/events pages through.</param>
    /// <param name="serializer">Decodes journal payloads for /api/events.</param>
    /// <param name="options">Ask timeout and bearer token; defaults: 5 s, no token.</param>
    /// <param name="cluster">
    /// Akka.Cluster membership (<see cref="ClusterMembershipAdmin"/>) once the process runs on it; without it
    /// /api/cluster/members, leave and down answer 503 and the leader answer has no singletonAt.
    /// </param>
    public AdminApi(ActorSystem system, Func<ActorRef?> vrm, IJournal journal, IEventSerializer serializer, AdminApiOptions? options = null, IClusterAdmin? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(vrm);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(serializer);
        _system = system;
        _vrm = vrm;
        _journal = journal;
        _serializer = serializer;
        _options = options ?? new AdminApiOptions();
        _cluster = cluster;
        _options.Validate();
        _log = system.LoggerFactory.CreateLogger("Cluster.Controller.Admin");
    }

    /// <summary>
    /// Puts the request guard (<see cref="AdminRequestGuard"/>: Host, Origin, content type, body size, problem
    /// details for every error) in front of everything, then maps the routes. /healthz is always open;
    /// /api/* checks the bearer token when the options ask for one.
    /// </summary>
    /// <returns>The /api group, for the host to add its own conventions (CORS, rate limits).</returns>
    public RouteGroupBuilder Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(new AdminRequestGuard(_options, _log).InvokeAsync);
        var endpoints = (IEndpointRouteBuilder)app;
        endpoints.MapGet("/healthz", () => Results.Text("ok"));

        var api = endpoints.MapGroup("/api");
        if (_options.ChecksToken)
        {
            api.AddEndpointFilter(new BearerTokenFilter(_options.BearerToken!));
        }

        var gateway = new VrmGateway(_system, _vrm, _options.AskTimeout, _log);
        ClusterRoutes.Map(api, gateway, _cluster);
        MembershipRoutes.Map(api, _cluster);
        VmRoutes.Map(api, gateway);
        AlarmRoutes.Map(api, gateway);
        EventRoutes.Map(api, _journal, _serializer, _log);
        return api;
    }
}

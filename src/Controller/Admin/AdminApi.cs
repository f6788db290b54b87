namespace Cluster.Controller.Admin;

/// <summary>
/// The controller's admin HTTP API: maps /healthz and /api/* onto an endpoint builder (a WebApplication).
/// It holds no state of its own; the VRM answers about the cluster and the journal about events.
/// </summary>
public sealed class AdminApi
{
    /// <summary>The Prometheus scrape route (OpenTelemetry's exporter), when <see cref="AdminApiOptions.ServesMetrics"/>.</summary>
    public const string MetricsPath = "/metrics";

    private readonly IVrmClient _vrm;
    private readonly IEventFeed _events;
    private readonly AdminApiOptions _options;
    private readonly IClusterAdmin? _cluster;
    private readonly ILogger _log;

    /// <param name="vrm">Asks the VRM wherever it runs; see <see cref="IVrmClient"/> for 503 and 504.</param>
    /// <param name="events">The journal that /api/events pages through.</param>
    /// <param name="loggerFactory">For the API's own log lines.</param>
    /// <param name="options">Ask timeout and bearer token; defaults: 5 s, no token.</param>
    /// <param name="cluster">
    /// Akka.Cluster membership (<see cref="ClusterMembershipAdmin"/>) once the process runs on it; without it
    /// /api/cluster/members, leave and down answer 503 and the leader answer has no singletonAt.
    /// </param>
    public AdminApi(IVrmClient vrm, IEventFeed events, ILoggerFactory loggerFactory, AdminApiOptions? options = null, IClusterAdmin? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(vrm);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _vrm = vrm;
        _events = events;
        _options = options ?? new AdminApiOptions();
        _cluster = cluster;
        _options.Validate();
        _log = loggerFactory.CreateLogger("Cluster.Controller.Admin");
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
            var tokens = new BearerTokenFilter(_options.BearerToken!);
            api.AddEndpointFilter(tokens);

            // /metrics names every host and VM and their state, so it follows the token rule of /api, not the probes'.
            app.Use(async (http, next) =>
            {
                if (http.Request.Path.StartsWithSegments(MetricsPath) && tokens.Refusal(http) is { } refusal)
                {
                    await refusal.ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                await next(http).ConfigureAwait(false);
            });
        }

        if (_options.ServesMetrics)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        var gateway = new VrmGateway(_vrm, _options.AskTimeout, _log);
        ClusterRoutes.Map(api, gateway, _cluster);
        MembershipRoutes.Map(api, _cluster);
        VmRoutes.Map(api, gateway);
        MigrationRoutes.Map(api, gateway);
        AlarmRoutes.Map(api, gateway);
        RuleRoutes.Map(api, gateway);
        EventRoutes.Map(api, _events, _log);
        return api;
    }
}

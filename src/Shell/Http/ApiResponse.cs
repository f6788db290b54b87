using System.Net;

namespace Cluster.Shell.Http;

/// <summary>What the controller answered: the status and the body as text (JSON, or empty).</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

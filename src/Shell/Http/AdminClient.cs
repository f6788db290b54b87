using System.Net.Http.Headers;
using System.Text;

namespace Cluster.Shell.Http;

/// <summary>
/// The controller's admin API as the shell sees it: one method per HTTP verb returning the raw answer,
/// so commands decide how to print it and JSON output stays byte-for-byte what the server sent.
/// </summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _endpoint;

    /// <param name="baseAddress">scheme://host:port/, validated by the settings parser.</param>
    /// <param name="endpoint">host:port, for "cannot connect" messages.</param>
    /// <param name="token">Sent as a bearer token when not null.</param>
    /// <param name="timeout">How long one request may take before the controller counts as unreachable.</param>
    public AdminClient(Uri baseAddress, string endpoint, string? token, TimeSpan timeout)
    {
        _endpoint = endpoint;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    // State-changing requests always say application/json, even without a body: the controller may refuse
    // any other content type (a browser's cross-site form post cannot send it).
    public Task<ApiResponse> PostAsync(string path, string? json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, json ?? string.Empty, cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, string.Empty, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (json is not null || method != HttpMethod.Get)
        {
            // The controller takes state changes only as application/json, a bodiless one too (cross-site defence).
            request.Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ApiResponse(response.StatusCode, body);
        }
        catch (HttpRequestException ex)
        {
            throw new CannotConnectException(_endpoint, ex.InnerException?.Message ?? ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; the caller did not cancel, so it is silence.
            throw new CannotConnectException(_endpoint, $"no answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }
    }
}

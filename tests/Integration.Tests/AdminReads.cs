using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Integration.Tests;

/// <summary>Reads of a controller process's admin API that are polled while the process may not answer yet.</summary>
public static class AdminReads
{
    /// <summary>A GET of <paramref name="path"/>, or null while the API does not answer with success.</summary>
    public static async Task<T?> GetOrNullAsync<T>(this HttpClient admin, string path, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(admin);
        try
        {
            using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(type) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}

using System.Net;
using System.Text.Json;

namespace Cluster.Controller.Tests.Admin;

/// <summary>Reads answers as plain JSON, so the tests check the wire shape (camelCase, enums as names), not our DTOs.</summary>
internal static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an ErrorResponse with the status and a field error naming <paramref name="field"/>; returns the reason.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string field)
    {
        var error = await JsonAsync(response, expected);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var match = error.GetProperty("errors").EnumerateArray().FirstOrDefault(e => e.GetProperty("field").GetString() == field);
        Assert.True(match.ValueKind == JsonValueKind.Object, $"no error for field '{field}' in {error}");
        return match.GetProperty("reason").GetString()!;
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}

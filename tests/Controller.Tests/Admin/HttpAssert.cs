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

    /// <summary>
    /// Asserts an RFC 9457 problem-details answer with the status: application/problem+json, a type, a title, the
    /// status repeated, a detail and an errors list of {field, reason}; no .NET type name anywhere. Returns the body.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoDotNetNames(body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.StartsWith("urn:cluster:problem:", problem.Str("type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        Assert.False(string.IsNullOrEmpty(problem.Str("detail")));
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Str("field")));
            Assert.False(string.IsNullOrEmpty(e.Str("reason")));
        });
        return problem;
    }

    /// <summary>Error bodies speak the user's language: no namespaces of .NET types, no stack frames.</summary>
    public static void NoDotNetNames(string body)
    {
        Assert.DoesNotContain("Cluster.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    /// <summary>Asserts a problem with the status and a field error naming <paramref name="field"/>; returns the reason.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string field)
    {
        var error = await ProblemAsync(response, expected);
        var match = error.GetProperty("errors").EnumerateArray().FirstOrDefault(e => e.GetProperty("field").GetString() == field);
        Assert.True(match.ValueKind == JsonValueKind.Object, $"no error for field '{field}' in {error}");
        return match.GetProperty("reason").GetString()!;
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}

using System.Net;
using Cluster.Controller.Admin;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Tests.Admin;

// Every error is RFC 9457 problem details in the user's language: no .NET type names, no empty bodies.
public sealed class AdminApiProblemTests
{
    [Theory]
    [InlineData("GET", "/api/nothing-here", 404)]
    [InlineData("GET", "/nothing-here", 404)]
    [InlineData("GET", "/api/vms/vm-404", 404)]
    [InlineData("GET", "/api/hosts/h-404", 404)]
    [InlineData("DELETE", "/api/cluster", 405)]
    [InlineData("PUT", "/api/vms", 405)]
    [InlineData("GET", "/api/vms/vm-1/start", 405)]
    public async Task Unknown_routes_ids_and_methods_are_problems(string method, string path, int status)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var problem = await HttpAssert.ProblemAsync(await host.SendAsync(new HttpMethod(method), path, method == "GET" ? null : string.Empty), (HttpStatusCode)status);

        if (status == 405)
        {
            Assert.Contains("is not allowed on", problem.Str("detail"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_problem()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, new AdminApiOptions { BearerToken = "secret" });

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/vms", UriKind.Relative)), HttpStatusCode.Unauthorized, "authorization");
    }

    [Fact]
    public async Task A_conflict_is_a_409_problem_with_the_vrms_reason()
    {
        await using var host = await AdminApiHost.StartAsync(_ => AdminFailure.Conflict("vmId", "VM vm-1 is Running, not stopped"));

        var problem = await HttpAssert.ProblemAsync(await host.PostAsync("/api/vms/vm-1/start"), HttpStatusCode.Conflict);

        Assert.Equal("urn:cluster:problem:conflict", problem.Str("type"));
        Assert.Equal("VM vm-1 is Running, not stopped", problem.Str("detail"));
    }

    [Fact]
    public async Task A_throwing_vrm_is_a_500_problem_naming_no_type()
    {
        await using var host = await AdminApiHost.StartAsync(_ => new InvalidOperationException("System.InvalidOperationException: boom"));

        await HttpAssert.ProblemAsync(await host.Client.GetAsync(new Uri("/api/cluster", UriKind.Relative)), HttpStatusCode.InternalServerError);
    }

    public static TheoryData<string> BadBodies() =>
    [
        """{"name":"a","vcpus":2,""",
        """{"name":"a","vcpus":"two","memoryMb":1,"disks":[]}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":{"datastore":"ds-1"}}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":7,"sizeGb":1}]}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"restartPriority":"urgent"}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"haEnabled":"yes"}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"requiredCpuBaseline":{"vendor":"x","features":null}}""",
        """{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"requiredCpuBaseline":"avx"}""",
        """[1,2,3]""",
        """"just a string\"""",
        """{"name":{"first":"a"}}""",
        """{"name":"a","vcpus":1.5,"memoryMb":1,"disks":[]}""",
    ];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_is_a_400_problem_without_dotnet_type_names(string body)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.ProblemAsync(await host.PostAsync("/api/vms", body), HttpStatusCode.BadRequest);
        Assert.Empty(host.Received);
    }

    [Theory]
    [InlineData("""{"name":"a","vcpus":"two","memoryMb":1,"disks":[]}""", "vcpus", "must be a whole number from 1 to 256, got the string 'two'")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"restartPriority":"urgent"}""", "restartPriority", "must be one of High, Medium, Low, got the string 'urgent'")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"","sizeGb":1}]}""", "disks[0].datastore", "must be a non-empty string, got an empty string")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":{"datastore":"ds-1"}}""", "disks", "must be an array, got an object")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[],"haEnabled":"yes"}""", "haEnabled", "must be true or false, got the string 'yes'")]
    [InlineData("""{"name":"a","vcpus":2,""", "body", "is not valid JSON")]
    public async Task A_malformed_body_names_the_json_path_and_a_plain_reason(string body, string field, string reason)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var got = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms", body), HttpStatusCode.BadRequest, field);

        Assert.StartsWith(reason, got, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Input is bounded: every limit answers 400 naming the field and the limit, before the VRM hears of it.
public sealed class AdminApiLimitsTests
{
    private const string Disk = """{"datastore":"ds-1","sizeGb":1}""";

    [Theory]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":99999999999999,"disks":[DISK]}""", "memoryMb", "must be at most 1048576")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":99999999999999999999999999,"disks":[DISK]}""", "memoryMb", "must be at most 1048576")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":-99999999999999999999999999,"disks":[DISK]}""", "memoryMb", "must be at least 1")]
    [InlineData("""{"name":"a","vcpus":99999999999,"memoryMb":1,"disks":[DISK]}""", "vcpus", "must be at most 256")]
    [InlineData("""{"name":"a","vcpus":257,"memoryMb":1,"disks":[DISK]}""", "vcpus", "must be at most 256")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":999999}]}""", "disks[0].sizeGb", "must be at most 65536")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":99999999999999999999}]}""", "disks[0].sizeGb", "must be at most 65536")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"cpuQos":{"shares":1000,"reservation":2560001,"limit":null}}""", "cpuQos.reservation", "must be at most 2560000")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"cpuQos":{"shares":1000,"reservation":0,"limit":9999999}}""", "cpuQos.limit", "must be at most 2560000")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"memoryQos":{"shares":1000001,"reservation":0,"limit":null}}""", "memoryQos.shares", "must be at most 1000000")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{"datastore":"DS65","sizeGb":1}]}""", "disks[0].datastore", "must be at most 64 characters")]
    [InlineData("""{"name":"N65","vcpus":1,"memoryMb":1,"disks":[DISK]}""", "name", "must be at most 64 characters")]
    [InlineData("""{"name":"web_1","vcpus":1,"memoryMb":1,"disks":[DISK]}""", "name", "may contain only lower-case letters, digits and '-'")]
    public async Task A_value_beyond_its_limit_is_a_400_naming_the_field_and_the_limit(string body, string field, string reason)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        body = body.Replace("DISK", Disk, StringComparison.Ordinal)
            .Replace("DS65", new string('d', 65), StringComparison.Ordinal)
            .Replace("N65", new string('n', 65), StringComparison.Ordinal);

        var got = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms", body), HttpStatusCode.BadRequest, field);

        Assert.StartsWith(reason, got, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Too_many_disks_is_one_error_naming_the_limit()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        var disks = string.Join(',', Enumerable.Repeat(Disk, 65));

        var problem = await HttpAssert.ProblemAsync(await host.PostAsync("/api/vms", $$"""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{{disks}}]}"""), HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("disks", error.Str("field"));
        Assert.Equal("must have at most 64 disks, got 65", error.Str("reason"));
    }

    [Fact]
    public async Task The_largest_acceptable_vm_is_accepted()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        var body = JsonSerializer.Serialize(LargestVm.Request(), ClusterMessagesJsonContext.Default.CreateVmRequest);

        await HttpAssert.JsonAsync(await host.PostAsync("/api/vms", body), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_before_it_is_read()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        // The measured case: 150,000 disks, 5.4 MB of JSON.
        var disks = string.Join(',', Enumerable.Repeat(Disk, 150_000));

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms", $$"""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{{disks}}]}"""), HttpStatusCode.RequestEntityTooLarge, "body");

        Assert.StartsWith("must be at most 65536 bytes", reason, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem_too()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 100_000) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/vms", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await HttpAssert.ErrorAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Empty(host.Received);
    }

    [Theory]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"colour":"red"}""", "colour")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGB":1}]}""", "disks[0].sizeGB")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"cpuQos":{"shares":1,"reservation":0,"limit":null,"burst":1}}""", "cpuQos.burst")]
    public async Task An_unknown_field_is_a_400_naming_it(string body, string field)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms", body.Replace("DISK", Disk, StringComparison.Ordinal)), HttpStatusCode.BadRequest, field);

        Assert.StartsWith("is not a known field", reason, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Theory]
    [InlineData("""{"name":"x1","name":"x2","vcpus":1,"memoryMb":1,"disks":[DISK]}""", "name")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1,"sizeGb":2}]}""", "disks[0].sizeGb")]
    [InlineData("""{"name":"a","vcpus":1,"memoryMb":1,"disks":[DISK],"cpuQos":{"shares":1,"shares":2,"reservation":0,"limit":null}}""", "cpuQos.shares")]
    public async Task A_field_given_twice_is_a_400_naming_it(string body, string field)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms", body.Replace("DISK", Disk, StringComparison.Ordinal)), HttpStatusCode.BadRequest, field);

        Assert.Equal("is given more than once", reason);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_very_long_id_is_a_400_that_does_not_echo_it_whole()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        var id = new string('x', 5000);

        var response = await host.Client.GetAsync(new Uri($"/api/vms/{id}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        var reason = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "id");
        Assert.Contains("at most", reason, StringComparison.Ordinal);
        Assert.True(body.Length < 1000, $"the answer is {body.Length} characters");
        Assert.Empty(host.Received);
    }
}

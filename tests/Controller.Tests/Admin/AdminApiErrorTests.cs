using System.Net;
using System.Text;
using Cluster.Controller.Admin;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Unit tests of the HTTP mapping: a scripted VRM client stands in for the VRM (see ScriptedVrm).
public sealed class AdminApiErrorTests
{
    [Theory]
    [InlineData(AdminFailureKind.Invalid, HttpStatusCode.BadRequest)]
    [InlineData(AdminFailureKind.NotFound, HttpStatusCode.NotFound)]
    [InlineData(AdminFailureKind.Conflict, HttpStatusCode.Conflict)]
    [InlineData(AdminFailureKind.NotActive, HttpStatusCode.ServiceUnavailable)]
    public async Task Each_failure_kind_has_its_status_and_keeps_the_error(AdminFailureKind kind, HttpStatusCode status)
    {
        var failure = new AdminFailure(kind, new ErrorResponse("refused", [new FieldError("vmId", "because")]));
        await using var host = await AdminApiHost.StartAsync(_ => failure);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/start"), status, "vmId");

        Assert.Equal("because", reason);
    }

    [Theory]
    [InlineData("""{"name":"a","vcpus":2,""", "body")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    [InlineData("""{"name":"a","vcpus":"two","memoryMb":1,"disks":[]}""", "vcpus")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":"big"}]}""", "disks[0].sizeGb")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"","sizeGb":1}]}""", "disks[0].datastore")]
    [InlineData("""{"name":"a","vcpus":2,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}],"restartPriority":"urgent"}""", "restartPriority")]
    [InlineData("""{"name":"a","vcpus":0,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}]}""", "vcpus")]
    [InlineData("""{"name":"Bad Name","vcpus":1,"memoryMb":1,"disks":[{"datastore":"ds-1","sizeGb":1}]}""", "name")]
    public async Task A_malformed_or_invalid_create_body_is_a_400_naming_the_field(string body, string field)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var reason = await HttpAssert.ErrorAsync(await host.Client.PostAsync(new Uri("/api/vms", UriKind.Relative), content), HttpStatusCode.BadRequest, field);

        Assert.DoesNotContain("   at ", reason, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_silent_vrm_is_a_504_with_a_message()
    {
        await using var host = await AdminApiHost.StartAsync(_ => null, new AdminApiOptions { AskTimeout = TimeSpan.FromMilliseconds(200) });

        var error = await HttpAssert.ProblemAsync(await host.Client.GetAsync(new Uri("/api/cluster", UriKind.Relative)), HttpStatusCode.GatewayTimeout);

        Assert.Contains("did not answer within 0.2 s", error.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_vrm_on_this_controller_is_a_503()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, vrmRunning: false);

        var error = await HttpAssert.ProblemAsync(await host.Client.GetAsync(new Uri("/api/hosts", UriKind.Relative)), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("not running", error.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_or_confused_vrm_is_a_500_without_a_stack_trace_or_type_names()
    {
        await using var host = await AdminApiHost.StartAsync(m => m is ListVms ? new InvalidOperationException("boom") : "a string");

        var failed = await HttpAssert.ProblemAsync(await host.Client.GetAsync(new Uri("/api/vms", UriKind.Relative)), HttpStatusCode.InternalServerError);
        var confused = await HttpAssert.ProblemAsync(await host.Client.GetAsync(new Uri("/api/hosts", UriKind.Relative)), HttpStatusCode.InternalServerError);

        Assert.Equal("the VRM failed on this request; the controller's log has the details", failed.Str("detail"));
        Assert.Contains("an answer this API does not know", confused.Str("detail"), StringComparison.Ordinal);
    }
}

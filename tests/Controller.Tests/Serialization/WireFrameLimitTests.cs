using System.Text.Json;
using Cluster.Actors.Remote.Tcp;
using Cluster.Controller.Admin;
using Cluster.Controller.Tests.Admin;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Serialization;

// Whatever the API accepts can be carried out: the largest acceptable VM's start command crosses the wire.
public sealed class WireFrameLimitTests
{
    private static readonly int MaxFrameSize = new TcpTransportOptions { SystemName = "s", Host = "127.0.0.1", ClusterSecret = "x" }.MaxFrameSize;

    [Fact]
    public void The_largest_acceptable_vm_is_valid()
    {
        Assert.Empty(LargestVm.Request().Validate());
    }

    [Fact]
    public void The_largest_acceptable_vms_start_command_is_a_small_fraction_of_the_wire_frame()
    {
        var start = new StartVm(long.MaxValue, long.MaxValue, new VmId(new string('v', 64)), LargestVm.Request().ToSpec(), long.MaxValue);

        var bytes = JsonSerializer.SerializeToUtf8Bytes(start, ClusterMessagesJsonContext.Default.StartVm);

        // A quarter of the frame at most: room for the envelope, paths, and future fields.
        Assert.True(bytes.Length < MaxFrameSize / 4, $"StartVm of the largest VM is {bytes.Length} bytes; the frame is {MaxFrameSize}");
    }

    [Fact]
    public void The_largest_acceptable_vms_create_request_fits_the_request_body_limit()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(LargestVm.Request(), ClusterMessagesJsonContext.Default.CreateVmRequest);

        Assert.True(bytes.Length < AdminApiOptions.DefaultMaxRequestBodyBytes, $"{bytes.Length} bytes");
    }
}

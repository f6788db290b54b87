using System.Buffers;
using System.Text;
using Cluster.Actors.Remote;
using Cluster.Hosting;
using Cluster.Messages.Tests;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Serialization;

public sealed class ClusterWireRegistryTests
{
    private static readonly Actors.Remote.Serialization.MessageRegistry Registry = ClusterWireRegistry.Create();

    public static TheoryData<string> Manifests() => [.. WireManifest.Entries.Select(e => e.Manifest)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_wire_manifest_type_round_trips_under_its_manifest(string manifest)
    {
        Assert.True(WireManifest.TryGetType(manifest, out var type));
        var sample = SampleFactory.Create(type!);

        var buffer = new ArrayBufferWriter<byte>();
        var written = Registry.Serialize(sample, buffer);
        var back = Registry.Deserialize(written, buffer.WrittenSpan);

        Assert.Equal(manifest, written);
        Assert.IsType(type!, back);
        var again = new ArrayBufferWriter<byte>();
        Registry.Serialize(back, again);
        Assert.Equal(Encoding.UTF8.GetString(buffer.WrittenSpan), Encoding.UTF8.GetString(again.WrittenSpan));
    }

    [Fact]
    public void Kernel_messages_are_registered_too()
    {
        Assert.True(Registry.IsRegistered(typeof(RemoteWatch)));
        Assert.True(Registry.IsRegistered(typeof(RemoteHeartbeat)));
    }
}

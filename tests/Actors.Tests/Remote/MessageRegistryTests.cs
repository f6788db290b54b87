using System.Buffers;
using System.Text.Json;
using Cluster.Actors.Remote.Serialization;

namespace Cluster.Actors.Tests.Remote;

public sealed class MessageRegistryTests
{
    [Fact]
    public void Round_trips_a_registered_message_through_its_manifest()
    {
        var registry = new MessageRegistry();
        registry.Register("ping.v1", TestJsonContext.Default.Ping);
        var buffer = new ArrayBufferWriter<byte>();

        var manifest = registry.Serialize(new Ping(7, "hello"), buffer);

        Assert.Equal("ping.v1", manifest);
        Assert.Equal(new Ping(7, "hello"), registry.Deserialize(manifest, buffer.WrittenSpan));
    }

    [Fact]
    public void Registers_every_root_type_of_a_context_with_the_naming_function()
    {
        var registry = TestRegistry.Create();
        var buffer = new ArrayBufferWriter<byte>();
        var status = new Status("cna-01", 0.75, ["vm-1", "vm-2"]);

        var manifest = registry.Serialize(status, buffer);

        Assert.Equal("status.v1", manifest);
        Assert.Equal("ping.v1", registry.ManifestOf(typeof(Ping)));
        var back = Assert.IsType<Status>(registry.Deserialize(manifest, buffer.WrittenSpan));
        Assert.Equal(status.Vms, back.Vms);
        Assert.False(registry.IsRegistered(typeof(string)), "property types the generator pulls in are not messages");
    }

    [Fact]
    public void Sending_an_unregistered_type_is_a_caller_bug_named_by_type()
    {
        var registry = new MessageRegistry();

        var error = Assert.Throws<UnregisteredMessageTypeException>(() => registry.Serialize(new Ping(1, "x"), new ArrayBufferWriter<byte>()));

        Assert.Contains(typeof(Ping).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_on_receive_has_its_own_exception()
    {
        var registry = TestRegistry.Create();

        var error = Assert.Throws<UnknownManifestException>(() => registry.Deserialize("ping.v2", "{}"u8));

        Assert.Equal("ping.v2", error.Manifest);
    }

    [Fact]
    public void Malformed_json_is_a_json_exception()
    {
        var registry = TestRegistry.Create();

        Assert.ThrowsAny<JsonException>(() => registry.Deserialize("ping.v1", "{\"Seq\": tru"u8));
        Assert.ThrowsAny<JsonException>(() => registry.Deserialize("ping.v1", "null"u8));
    }

    [Fact]
    public void One_manifest_cannot_name_two_types()
    {
        var registry = new MessageRegistry();
        registry.Register("ping.v1", TestJsonContext.Default.Ping);

        Assert.Throws<ArgumentException>(() => registry.Register("ping.v1", TestJsonContext.Default.Status));
        Assert.Throws<ArgumentException>(() => registry.Register("ping.v2", TestJsonContext.Default.Ping));
    }
}

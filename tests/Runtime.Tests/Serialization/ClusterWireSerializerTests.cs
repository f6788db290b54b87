using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Cluster.Messages;
using Cluster.Messages.Tests;
using Cluster.Runtime.Serialization;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Serialization;

/// <summary>
/// Every manifest goes through Akka's own serialization lookup (as remoting and the journal do), on a remote-enabled
/// system so that Akka's built-in serializers for its system messages are loaded too.
/// </summary>
public sealed class ClusterWireSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ClusterSerializationConfig.Hocon.WithFallback(RemoteOnLoopback), output: output)
{
    private static readonly Config RemoteOnLoopback = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        """);

    public static TheoryData<string> Manifests() => [.. WireManifest.Entries.Select(e => e.Manifest)];

    /// <summary>Every concrete wire type of every Cluster.* assembly this test loads, whether or not the registry names it.</summary>
    public static TheoryData<string> WireTypes() =>
    [
        .. new[] { typeof(IWireMessage).Assembly, typeof(ClusterWireSerializer).Assembly, typeof(global::Cluster.Deciders.Step).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(t => typeof(IWireMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => t.AssemblyQualifiedName!),
    ];

    private Akka.Serialization.Serialization Serialization => Sys.Serialization;

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void No_wire_type_of_ours_falls_back_to_newtonsoft_or_hyperion(string assemblyQualifiedName)
    {
        var type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;

        var serializer = Serialization.FindSerializerForType(type);

        Assert.Equal(ClusterWireSerializer.SerializerId, serializer.Identifier);
        Assert.DoesNotContain("Newtonsoft", serializer.GetType().FullName!, StringComparison.Ordinal);
        Assert.DoesNotContain("Hyperion", serializer.GetType().FullName!, StringComparison.Ordinal);
        Assert.True(WireManifest.TryGetManifest(type, out _), $"{type.Name} is a wire type without a manifest");
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_manifest_is_written_by_our_serializer_and_read_back_equal(string manifest)
    {
        Assert.True(WireManifest.TryGetType(manifest, out var type));
        var sample = SampleFactory.Create(type!);

        var serializer = Serialization.FindSerializerFor(sample);
        var bytes = serializer.ToBinary(sample);
        var back = Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, sample));

        Assert.IsType<ClusterWireSerializer>(serializer);
        Assert.Equal(ClusterWireSerializer.SerializerId, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, sample));
        Assert.IsType(type!, back);

        // Records holding lists compare those by reference, so equality is checked on the full JSON shape.
        Assert.Equal(Json(sample), Json(back));
    }

    [Fact]
    public void Records_without_collections_are_equal_objects_after_the_round_trip()
    {
        var planned = new HaRestartPlanned(new VmId("vm-1"), new HostId("h-1"), new HostId("h-2"), 2);

        var serializer = (ClusterWireSerializer)Serialization.FindSerializerFor(planned);

        Assert.Equal(planned, serializer.FromBinary(serializer.ToBinary(planned), serializer.Manifest(planned)));
    }

    [Fact]
    public void An_unknown_manifest_fails_naming_it()
    {
        var error = Assert.Throws<SerializationException>(
            () => Serialization.Deserialize("{}"u8.ToArray(), ClusterWireSerializer.SerializerId, "inv.vm-teleported.v9"));

        Assert.Contains("'inv.vm-teleported.v9'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClusterWireSerializer.SerializerId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused_by_name()
    {
        var serializer = (ClusterWireSerializer)Serialization.FindSerializerForType(typeof(IWireMessage));

        var error = Assert.Throws<ArgumentException>(() => serializer.ToBinary(new NotInTheTable()));

        Assert.Contains(nameof(NotInTheTable), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Akka_system_messages_keep_their_own_serializers()
    {
        var identify = new Identify("probe-1");
        var identifySerializer = Serialization.FindSerializerFor(identify);
        var refSerializer = Serialization.FindSerializerFor(TestActor);

        var identifyBack = (Identify)Serialization.Deserialize(
            identifySerializer.ToBinary(identify), identifySerializer.Identifier, Akka.Serialization.Serialization.ManifestFor(identifySerializer, identify));
        var refBack = Serialization.Deserialize(
            refSerializer.ToBinary(TestActor), refSerializer.Identifier, Akka.Serialization.Serialization.ManifestFor(refSerializer, TestActor));

        Assert.IsNotType<ClusterWireSerializer>(identifySerializer);
        Assert.Equal("probe-1", identifyBack.MessageId);
        Assert.Equal(TestActor, refBack);
    }

    [Fact]
    public void A_journal_representation_carries_our_event_with_our_serializer_id()
    {
        var deleted = new VmDeleted(new VmId("vm-7"));
        var persistent = new Persistent(deleted, 3, "vrm", writerGuid: "w-1");

        var serializer = Serialization.FindSerializerFor(persistent);
        var back = (IPersistentRepresentation)serializer.FromBinary(serializer.ToBinary(persistent), typeof(Persistent));

        Assert.IsNotType<ClusterWireSerializer>(serializer);
        Assert.Equal(deleted, back.Payload);
        Assert.Equal(3, back.SequenceNr);
    }

    private static string Json(object value) =>
        JsonSerializer.Serialize(value, value.GetType(), ClusterMessagesJsonContext.Default);

    private sealed record NotInTheTable : IWireMessage;
}

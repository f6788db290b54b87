using System.Text;
using Akka.Serialization;
using Cluster.Controller.Serialization;
using Cluster.Messages.Tests;
using Xunit.Abstractions;

namespace Cluster.Controller.Tests.Serialization;

/// <summary>The controller's admin protocol and snapshot go through our serializer, never Akka's Newtonsoft default.</summary>
public sealed class ControllerWireSerializerSpec(ITestOutputHelper output)
    : global::Akka.TestKit.Xunit2.TestKit(ControllerSerializationConfig.Hocon, output: output)
{
    public static TheoryData<string> Manifests() => [.. ControllerManifest.Entries.Select(e => e.Manifest)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_controller_type_round_trips_under_its_manifest(string manifest)
    {
        var type = ControllerManifest.Entries.Single(e => e.Manifest == manifest).Type;
        var sample = SampleFactory.Create(type);

        var serializer = Sys.Serialization.FindSerializerFor(sample);
        var bytes = serializer.ToBinary(sample);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, sample));

        Assert.Equal(ControllerWireSerializer.SerializerId, serializer.Identifier);
        Assert.Equal(manifest, ((SerializerWithStringManifest)serializer).Manifest(sample));
        Assert.IsType(type, back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }
}

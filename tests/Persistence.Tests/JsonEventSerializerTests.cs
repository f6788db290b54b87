namespace Cluster.Persistence.Tests;

public sealed class JsonEventSerializerTests
{
    private sealed record HostFaulty(string Host, int MissedHeartbeats);

    [Fact]
    public void Round_trips_through_the_registered_manifest()
    {
        var serializer = new JsonEventSerializer().Register<HostFaulty>("HostFaulty.v1");

        var (manifest, payload) = serializer.Serialize(new HostFaulty("cna-7", 10));

        Assert.Equal("HostFaulty.v1", manifest);
        Assert.Equal(new HostFaulty("cna-7", 10), serializer.Deserialize(manifest, payload));
    }

    [Fact]
    public void Unregistered_types_and_manifests_are_rejected()
    {
        var serializer = new JsonEventSerializer().Register<HostFaulty>("HostFaulty.v1");

        Assert.Equal("event", Assert.Throws<ArgumentException>(() => serializer.Serialize("text")).ParamName);
        Assert.Equal("manifest", Assert.Throws<ArgumentException>(() => serializer.Deserialize("HostFaulty.v2", [])).ParamName);
        Assert.Throws<ArgumentException>(() => serializer.Register<HostFaulty>("Other.v1"));
    }
}

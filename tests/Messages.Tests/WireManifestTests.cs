using System.Text.Json;

namespace Cluster.Messages.Tests;

public sealed class WireManifestTests
{
    public static TheoryData<string> Manifests() => [.. WireManifest.Entries.Select(e => e.Manifest)];

    [Fact]
    public void Manifests_and_types_are_unique()
    {
        Assert.Equal(WireManifest.Entries.Count, WireManifest.Entries.Select(e => e.Manifest).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(WireManifest.Entries.Count, WireManifest.Entries.Select(e => e.Type).Distinct().Count());
        Assert.All(WireManifest.Entries, e => Assert.Matches("^[a-z-]+(\\.[a-z-]+)*\\.v[0-9]+$", e.Manifest));
    }

    [Fact]
    public void Every_wire_message_in_the_assembly_has_a_manifest()
    {
        var wireTypes = typeof(IWireMessage).Assembly.GetTypes()
            .Where(t => typeof(IWireMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(wireTypes, WireManifest.Entries.Select(e => e.Type.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lookups_go_both_ways()
    {
        Assert.True(WireManifest.TryGetType("heartbeat.v1", out var type));
        Assert.Equal(typeof(Heartbeat), type);
        Assert.True(WireManifest.TryGetManifest(typeof(StartVm), out var manifest));
        Assert.Equal("cmd.start-vm.v1", manifest);
        Assert.False(WireManifest.TryGetType("nope.v1", out _));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_manifest_type_round_trips_through_the_source_generated_context(string manifest)
    {
        Assert.True(WireManifest.TryGetType(manifest, out var type));
        var sample = SampleFactory.Create(type!);
        var context = ClusterMessagesJsonContext.Default;

        var json = JsonSerializer.Serialize(sample, type!, context);
        var back = JsonSerializer.Deserialize(json, type!, context);

        Assert.IsType(type!, back);
        Assert.Equal(json, JsonSerializer.Serialize(back, type!, context));
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_are_bare_strings_and_enums_are_names()
    {
        var changed = new HostStateChanged(new HostId("h-1"), HostState.Normal, HostState.Faulty, "10 heartbeats missed");

        var json = JsonSerializer.Serialize(changed, ClusterMessagesJsonContext.Default.HostStateChanged);

        Assert.Equal("""{"hostId":"h-1","from":"Normal","to":"Faulty","reason":"10 heartbeats missed"}""", json);
    }

    [Fact]
    public void Records_without_collections_are_equal_after_a_round_trip()
    {
        var planned = new HaRestartPlanned(new VmId("vm-1"), new HostId("h-1"), new HostId("h-2"), 2);
        var context = ClusterMessagesJsonContext.Default.HaRestartPlanned;

        Assert.Equal(planned, JsonSerializer.Deserialize(JsonSerializer.Serialize(planned, context), context));
    }

    [Fact]
    public void Computed_capacity_is_not_written_to_the_wire()
    {
        var json = JsonSerializer.Serialize(new HostHardware(2, 10, 2, 2600, 262_144), ClusterMessagesJsonContext.Default.HostHardware);

        Assert.DoesNotContain("capacity", json, StringComparison.OrdinalIgnoreCase);
    }
}

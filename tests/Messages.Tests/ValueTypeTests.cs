namespace Cluster.Messages.Tests;

public sealed class ValueTypeTests
{
    [Fact]
    public void Identifiers_refuse_empty_strings_and_print_their_value()
    {
        Assert.Throws<ArgumentException>(() => new HostId(""));
        Assert.Throws<ArgumentException>(() => new VmId(" "));
        Assert.Equal("ds-1", new DatastoreId("ds-1").ToString());
        Assert.Equal("c", new ClusterId("c").ToString());
        Assert.Equal(new HostId("h-1"), HostId.From("h-1"));
    }

    [Fact]
    public void Identifiers_order_ordinally()
    {
        Assert.True(new HostId("h-10").CompareTo(new HostId("h-9")) < 0);
        Assert.True(new HostId("H").CompareTo(new HostId("h")) < 0);
    }

    [Fact]
    public void Resources_add_subtract_and_fit()
    {
        var a = new Resources(1000, 2048);
        var b = new Resources(500, 1024);

        Assert.Equal(new Resources(1500, 3072), a + b);
        Assert.Equal(new Resources(500, 1024), a - b);
        Assert.True(b.FitsIn(a));
        Assert.False(a.FitsIn(b));
        Assert.False(new Resources(1000, 4096).FitsIn(a));
    }

    [Fact]
    public void A_host_is_compatible_when_its_features_are_a_superset_of_the_baseline()
    {
        var host = new CpuFeatureSet("GenuineIntel", ["sse4_2", "avx", "avx2", "aes"]);

        Assert.True(host.IsSupersetOf(new CpuFeatureSet("GenuineIntel", ["avx", "sse4_2"])));
        Assert.True(host.IsSupersetOf(CpuFeatureSet.None));
        Assert.True(host.IsSupersetOf(new CpuFeatureSet("", ["aes"])));
        Assert.False(host.IsSupersetOf(new CpuFeatureSet("GenuineIntel", ["avx512f"])));
        Assert.False(host.IsSupersetOf(new CpuFeatureSet("AuthenticAMD", ["avx"])));
    }

    [Fact]
    public void Feature_sets_are_values_whatever_the_order_or_repetition_of_flags()
    {
        var a = new CpuFeatureSet("GenuineIntel", ["b", "a", "a"]);
        var b = new CpuFeatureSet("GenuineIntel", ["a", "b"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(["a", "b"], a.Features);
    }
}

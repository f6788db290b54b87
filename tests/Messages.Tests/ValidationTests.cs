namespace Cluster.Messages.Tests;

public sealed class ValidationTests
{
    private static readonly VmSpec Valid = new(
        "web-01",
        2,
        4096,
        [new VmDisk(new DatastoreId("ds-1"), 40)],
        QosSpec.Default,
        QosSpec.Default,
        HaEnabled: true,
        RestartPriority.High,
        CpuFeatureSet.None);

    [Fact]
    public void A_valid_spec_has_no_errors() => Assert.Empty(Valid.Validate());

    [Theory]
    [InlineData("", "name")]
    [InlineData("Web_01", "name")]
    [InlineData("a-name-that-is-far-too-long-to-be-accepted-as-a-vm-name-by-the-vrm", "name")]
    [InlineData("-", "name")]
    [InlineData("---", "name")]
    [InlineData("vm-0001", "name")]
    [InlineData("vm-12345", "name")]
    [InlineData("mig-0003", "name")]
    public void Bad_names_are_refused(string name, string field) =>
        AssertOnlyField(Valid with { Name = name }, field);

    [Theory]
    [InlineData("vm-01")]
    [InlineData("vm-0001a")]
    [InlineData("web-0001")]
    [InlineData("-a-")]
    public void Names_near_the_refused_shapes_are_accepted(string name) => Assert.Empty((Valid with { Name = name }).Validate());

    [Fact]
    public void A_create_request_keeps_its_numa_wish() =>
        Assert.True(new CreateVmRequest("db-1", 4, 8192, [new VmDisk(new DatastoreId("ds-1"), 100)], RequiresNumaFit: true).ToSpec().RequiresNumaFit);

    [Fact]
    public void Zero_vcpus_are_refused() => AssertOnlyField(Valid with { Vcpus = 0 }, "vcpus");

    [Fact]
    public void Zero_memory_is_refused() => AssertOnlyField(Valid with { MemoryMb = 0 }, "memoryMb");

    [Fact]
    public void A_vm_needs_a_disk() => AssertOnlyField(Valid with { Disks = [] }, "disks");

    [Fact]
    public void Disk_errors_name_the_disk() =>
        AssertOnlyField(Valid with { Disks = [Valid.Disks[0], new VmDisk(new DatastoreId("ds-1"), 0)] }, "disks[1].sizeGb");

    [Fact]
    public void A_disk_without_a_datastore_is_refused() =>
        AssertOnlyField(Valid with { Disks = [new VmDisk(default, 10)] }, "disks[0].datastore");

    [Fact]
    public void A_reservation_above_the_limit_is_refused() =>
        AssertOnlyField(Valid with { CpuQos = new QosSpec(1000, 2000, 1000) }, "cpuQos.limit");

    [Fact]
    public void A_memory_reservation_above_the_vm_size_is_refused() =>
        AssertOnlyField(Valid with { MemoryQos = new QosSpec(1000, 8192, null) }, "memoryQos.reservation");

    [Fact]
    public void Shares_must_be_positive() =>
        AssertOnlyField(Valid with { MemoryQos = new QosSpec(0, 0, null) }, "memoryQos.shares");

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var fields = (Valid with { Name = "", Vcpus = 0, MemoryMb = -1 }).Validate().Select(e => e.Field);

        Assert.Equal(["name", "vcpus", "memoryMb"], fields);
    }

    [Fact]
    public void A_create_request_fills_defaults_and_validates_like_a_spec()
    {
        var request = new CreateVmRequest("db-1", 4, 8192, [new VmDisk(new DatastoreId("ds-1"), 100)]);

        Assert.Empty(request.Validate());
        Assert.Equal(QosSpec.Default, request.ToSpec().CpuQos);
        Assert.Equal(RestartPriority.Medium, request.ToSpec().RestartPriority);
        Assert.Equal(["disks", "vcpus"], (request with { Disks = null, Vcpus = 0 }).Validate().Select(e => e.Field).Order());
    }

    private static void AssertOnlyField(VmSpec spec, string field)
    {
        var error = Assert.Single(spec.Validate());
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }
}

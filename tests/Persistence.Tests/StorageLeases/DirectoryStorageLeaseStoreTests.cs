using System.Text;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

/// <summary>The directory backend on a fresh temp directory per test.</summary>
public sealed class DirectoryStorageLeaseStoreTests : StorageLeaseStoreConformance
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "storage-leases-" + Guid.NewGuid().ToString("N"));

    private DirectoryStorageLeaseStore Directory => (DirectoryStorageLeaseStore)Store;

    public override Task DisposeAsync()
    {
        System.IO.Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_lease_is_one_file_per_datastore_and_vm()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);

        var path = Path.Combine(_root, Ds, Vm + ".lease");
        Assert.Equal(path, Directory.LeaseFilePath(Ds, Vm));
        Assert.Contains("\"holderHostId\": \"host-a\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(Path.Combine(_root, Ds), "*.tmp"));
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_sees_and_respects_the_lease()
    {
        var otherProcess = new DirectoryStorageLeaseStore(_root, Time);
        var held = (await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl)).Lease;

        Assert.Equal(held, await otherProcess.ReadAsync(Ds, Vm));
        Assert.Equal(AcquireRefusal.HeldByAnother, (await otherProcess.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl)).Refusal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":1,\"datastoreId\":\"ds-1\",\"vmId\":\"vm-9\",\"holderHostId\":\"h\",\"incarnation\":1,\"counter\":1,\"renewedAt\":\"2026-01-01T00:00:00+00:00\",\"ttl\":\"00:00:20\",\"released\":false}")]
    [InlineData("{\"version\":1,\"datastoreId\":\"ds-1\",\"vmId\":\"vm-1\",\"holderHostId\":\"h\",\"incarnation\":0,\"counter\":1,\"renewedAt\":\"2026-01-01T00:00:00+00:00\",\"ttl\":\"00:00:20\",\"released\":false}")]
    public async Task A_corrupt_lease_file_is_reported_by_name_and_never_treated_as_free(string content)
    {
        var path = Directory.LeaseFilePath(Ds, Vm);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content, Encoding.UTF8);

        var read = await Assert.ThrowsAsync<CorruptLeaseFileException>(() => Store.ReadAsync(Ds, Vm));
        Assert.Equal(path, read.FilePath);
        Assert.Contains(path, read.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CorruptLeaseFileException>(() => Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl));
        Assert.Equal(content, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_directory_without_the_marker_is_an_unmounted_volume_not_an_empty_one()
    {
        File.Delete(Path.Combine(_root, DirectoryStorageLeaseStore.MarkerFileName));

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.ReadAsync(Ds, Vm));
        Assert.Contains(DirectoryStorageLeaseStore.MarkerFileName, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public async Task Ids_that_cannot_be_file_names_are_rejected(string id)
    {
        Assert.Equal("vmId", (await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(Ds, id))).ParamName);
        Assert.Equal("datastoreId", (await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(id, Vm))).ParamName);
    }

    protected override Task<IStorageLeaseStore> CreateStoreAsync(TimeProvider time)
    {
        DirectoryStorageLeaseStore.Format(_root);
        return Task.FromResult<IStorageLeaseStore>(new DirectoryStorageLeaseStore(_root, time));
    }
}

namespace Cluster.Persistence.Tests;

/// <summary>Per-test lifetime of a backend: created before each test, disposed (file or schema dropped) after it.</summary>
public abstract class BackendTest : IAsyncLifetime
{
    private ITestBackend? _backend;

    protected ManualTimeProvider Time { get; } = new();

    protected ITestBackend Backend => _backend ?? throw new InvalidOperationException("Backend used before InitializeAsync.");

    public async Task InitializeAsync()
    {
        _backend = CreateBackend();
        await InitializeStoreAsync(_backend);
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    protected abstract ITestBackend CreateBackend();

    protected abstract Task InitializeStoreAsync(ITestBackend backend);
}

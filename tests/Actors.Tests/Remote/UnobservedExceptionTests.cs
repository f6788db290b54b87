namespace Cluster.Actors.Tests.Remote;

public sealed class UnobservedExceptionTests
{
    [Fact]
    public async Task Broken_connections_and_disposal_leave_no_unobserved_task_exception()
    {
        var unobserved = new List<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            // Other test classes run in parallel; only the transport's own tasks are this test's business.
            if (e.Exception.ToString().Contains("Cluster.Actors.Remote", StringComparison.Ordinal))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            await BreakThingsAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }

        Assert.Empty(unobserved);
    }

    private static async Task BreakThingsAsync()
    {
        var target = await TestNode.StartAsync("target");
        var sender = await TestNode.StartAsync("sender");
        await sender.AssertDeliversAsync(target);
        await using (var raw = await RawPeer.ConnectWithHandshakeAsync(target.Address))
        {
            await raw.WriteAsync(RawPeer.LengthPrefix(uint.MaxValue));
            await raw.WaitClosedByServerAsync();
        }

        await using (var raw = await RawPeer.ConnectAsync(target.Address))
        {
            await raw.WriteAsync(new byte[] { 0, 0, 0, 1, 0x42 });
            await raw.WaitClosedByServerAsync();
        }

        await target.DisposeAsync();
        await sender.Log.WaitForAsync($"lost connection to {target.Address}");
        sender.Send(target, new Ping(1, "nobody home"));
        await sender.Log.WaitForAsync($"cannot connect to {target.Address}");
        await sender.DisposeAsync();
    }
}

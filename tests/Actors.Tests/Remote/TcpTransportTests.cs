using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Serialization;
using Cluster.Actors.Remote.Tcp;

namespace Cluster.Actors.Tests.Remote;

public sealed class TcpTransportTests
{
    [Fact]
    public async Task Delivers_ten_thousand_messages_in_order_per_sender()
    {
        const int count = 10_000;
        await using var receiver = await TestNode.StartAsync("receiver");
        await using var first = await TestNode.StartAsync("first");
        await using var second = await TestNode.StartAsync("second");

        var sending = new[] { first, second }.Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                sender.Send(receiver, new Ping(i, sender.Address.System));
            }
        }));
        await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(10));

        var next = new Dictionary<NodeAddress, int> { [first.Address] = 0, [second.Address] = 0 };
        for (var i = 0; i < 2 * count; i++)
        {
            var (from, envelope) = await receiver.Inbox.NextAsync();
            var ping = Assert.IsType<Ping>(envelope.Message);
            Assert.Equal(next[from]++, ping.Seq);
            Assert.Equal(from.System, ping.Text);
            Assert.Equal("/user/probe", envelope.RecipientPath);
            Assert.Equal($"{from}/user/sender", envelope.SenderPath);
        }

        Assert.Equal(count, next[first.Address]);
        Assert.Equal(count, next[second.Address]);
        Assert.Equal(0, first.Transport.DroppedEnvelopes);
    }

    [Fact]
    public async Task Carries_a_null_sender_and_a_larger_message_both_ways()
    {
        await using var a = await TestNode.StartAsync("a");
        await using var b = await TestNode.StartAsync("b");
        var status = new Status("cna-07", 0.5, [.. Enumerable.Range(0, 5_000).Select(i => $"vm-{i}")]);

        a.Transport.Send(b.Address, new RemoteEnvelope("/user/vrm", null, status));
        b.Transport.Send(a.Address, new RemoteEnvelope("/user/cna", null, new Ping(1, "back")));

        var atB = await b.Inbox.NextAsync();
        Assert.Null(atB.Envelope.SenderPath);
        Assert.Equal(status.Vms, Assert.IsType<Status>(atB.Envelope.Message).Vms);
        var atA = await a.Inbox.NextAsync();
        Assert.Equal(b.Address, atA.From);
        Assert.Equal(new Ping(1, "back"), atA.Envelope.Message);
    }

    [Fact]
    public async Task Send_of_an_unregistered_type_throws_naming_it()
    {
        await using var a = await TestNode.StartAsync("a");

        var error = Assert.Throws<UnregisteredMessageTypeException>(() =>
            a.Transport.Send(a.Address, new RemoteEnvelope("/user/x", null, new Uri("http://example.org"))));

        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_zero_reports_the_real_port()
    {
        await using var a = await TestNode.StartAsync("a");

        Assert.NotEqual(0, a.Address.Port);
        Assert.Equal(new NodeAddress("a", "127.0.0.1", a.Address.Port), a.Address);
    }

    [Fact]
    public async Task A_peer_with_the_wrong_secret_is_refused_and_both_sides_say_why()
    {
        await using var receiver = await TestNode.StartAsync("receiver");
        await using var intruder = await TestNode.StartAsync("intruder", secret: "guessed");
        await using var member = await TestNode.StartAsync("member");

        intruder.Send(receiver, new Ping(1, "let me in"));

        var refused = await receiver.Log.WaitForAsync("refused connection from 127.0.0.1:");
        Assert.Contains($"{intruder.Address} did not prove the cluster secret", refused, StringComparison.Ordinal);
        var failed = await intruder.Log.WaitForAsync($"cannot connect to {receiver.Address}");
        Assert.Contains("did not prove the cluster secret", failed, StringComparison.Ordinal);
        await member.AssertDeliversAsync(receiver);
        Assert.False(receiver.Inbox.TryNext(out _));
    }

    [Fact]
    public async Task Sends_resume_after_the_peer_restarts_on_the_same_port()
    {
        await using var sender = await TestNode.StartAsync("sender");
        var receiver = await TestNode.StartAsync("receiver");
        var port = receiver.Address.Port;
        await sender.AssertDeliversAsync(receiver);
        var lost = new TaskCompletionSource<PeerConnectionLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Transport.ConnectionLost += e => lost.TrySetResult(e);

        await receiver.DisposeAsync();
        var loss = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var restarted = await TestNode.StartAsync("receiver", port: port);

        Assert.Equal(receiver.Address, loss.Peer);
        Assert.Equal(ConnectionDirection.Outbound, loss.Direction);
        await sender.AssertDeliversAsync(restarted);
    }

    [Fact]
    public async Task A_node_that_answers_under_another_name_gets_nothing()
    {
        await using var sender = await TestNode.StartAsync("sender");
        await using var impostor = await TestNode.StartAsync("impostor");
        var expected = impostor.Address with { System = "vrm" };

        sender.Transport.Send(expected, new RemoteEnvelope("/user/x", null, new Ping(1, "for vrm")));

        var line = await sender.Log.WaitForAsync($"cannot connect to {expected}");
        Assert.Contains($"is {impostor.Address}, not {expected}", line, StringComparison.Ordinal);
        Assert.False(impostor.Inbox.TryNext(out _));
    }

    [Fact]
    public async Task Dispose_closes_connections_and_tells_the_peer()
    {
        await using var sender = await TestNode.StartAsync("sender");
        var receiver = await TestNode.StartAsync("receiver");
        await sender.AssertDeliversAsync(receiver);

        await receiver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await sender.Log.WaitForAsync($"lost connection to {receiver.Address}: closed by peer");
        sender.Send(receiver, new Ping(2, "into the void"));
        await sender.Log.WaitForAsync($"cannot connect to {receiver.Address}");
    }

    [Fact]
    public async Task Sending_to_an_unreachable_node_neither_blocks_nor_throws_and_counts_the_drops()
    {
        await using var sender = await TestNode.StartAsync("sender");
        var gone = await TestNode.StartAsync("gone");
        await gone.DisposeAsync();

        for (var i = 0; i < 1_000; i++)
        {
            sender.Send(gone, new Ping(i, "hello?"));
        }

        var line = await sender.Log.WaitForAsync($"cannot connect to {gone.Address}");
        Assert.Contains("ConnectionRefused", line, StringComparison.Ordinal);
        Assert.True(sender.Transport.DroppedEnvelopes > 0);
    }
}

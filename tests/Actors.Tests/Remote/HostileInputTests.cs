using System.Text;

namespace Cluster.Actors.Tests.Remote;

/// <summary>
/// Bytes no well-behaved node sends: each closes only its own connection, is logged with a reason, and
/// leaves the transport serving everyone else.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Garbage_before_the_handshake()
    {
        await using var node = await TestNode.StartAsync("target");
        await using var raw = await RawPeer.ConnectAsync(node.Address);

        await raw.WriteAsync("GET / HTTP/1.1\r\nHost: vrm\r\n\r\n"u8.ToArray());

        await ExpectClosedAsync(node, raw, "refused connection from 127.0.0.1:", "exceeds the limit of 1024 bytes");
    }

    [Fact]
    public async Task Handshake_that_never_finishes_times_out()
    {
        await using var node = await TestNode.StartAsync("target", handshakeTimeout: TimeSpan.FromMilliseconds(200));
        await using var raw = await RawPeer.ConnectAsync(node.Address);

        await ExpectClosedAsync(node, raw, "refused connection from 127.0.0.1:", "handshake timed out");
    }

    [Fact]
    public async Task Oversize_length_prefix_after_a_correct_handshake()
    {
        await using var node = await TestNode.StartAsync("target");
        await using var raw = await RawPeer.ConnectWithHandshakeAsync(node.Address);

        await raw.WriteAsync(RawPeer.LengthPrefix(2_000_000_000));

        await ExpectClosedAsync(node, raw, $"closed connection from {RawPeer.ClaimedAddress}", "frame length 2000000000 exceeds the limit of 4194304 bytes");
    }

    [Fact]
    public async Task Truncated_frame_then_close()
    {
        await using var node = await TestNode.StartAsync("target");
        await using var raw = await RawPeer.ConnectWithHandshakeAsync(node.Address);

        await raw.WriteAsync(RawPeer.LengthPrefix(100));
        await raw.WriteAsync(new byte[10]);
        await raw.CloseOutputAsync();

        await ExpectClosedAsync(node, raw, $"closed connection from {RawPeer.ClaimedAddress}", "closed in the middle of a frame");
    }

    [Theory]
    [InlineData("launch-missiles.v1", "{}", 0, "unknown message manifest 'launch-missiles.v1'")]
    [InlineData("ping.v1", "{\"Seq\": 1, \"Text\": ", 0, "malformed message payload")]
    [InlineData("ping.v1", "{}", 6, "frame is truncated")]
    public async Task Bad_envelope_in_a_whole_frame(string manifest, string payload, int cutTo, string reason)
    {
        await using var node = await TestNode.StartAsync("target");
        await using var raw = await RawPeer.ConnectWithHandshakeAsync(node.Address);
        var body = RawPeer.EnvelopeBody(manifest, Encoding.UTF8.GetBytes(payload));

        await raw.WriteFrameAsync(cutTo > 0 ? body[..cutTo] : body);

        await ExpectClosedAsync(node, raw, $"closed connection from {RawPeer.ClaimedAddress}", reason);
    }

    [Fact]
    public async Task Valid_frames_before_the_bad_one_are_delivered()
    {
        await using var node = await TestNode.StartAsync("target");
        await using var raw = await RawPeer.ConnectWithHandshakeAsync(node.Address);

        await raw.WriteFrameAsync(RawPeer.EnvelopeBody("ping.v1", "{\"Seq\":5,\"Text\":\"ok\"}"u8));
        await raw.WriteFrameAsync(RawPeer.EnvelopeBody("ping.v1", "[]"u8));

        var (from, envelope) = await node.Inbox.NextAsync();
        Assert.Equal(RawPeer.ClaimedAddress, from);
        Assert.Equal(new Ping(5, "ok"), envelope.Message);
        await ExpectClosedAsync(node, raw, $"closed connection from {RawPeer.ClaimedAddress}", "malformed message payload");
    }

    private static async Task ExpectClosedAsync(TestNode node, RawPeer raw, string who, string reason)
    {
        var line = await node.Log.WaitForAsync(l => l.Contains(who, StringComparison.Ordinal));
        Assert.Contains(reason, line, StringComparison.Ordinal);
        await raw.WaitClosedByServerAsync();
        await using var wellBehaved = await TestNode.StartAsync("neighbour");
        await wellBehaved.AssertDeliversAsync(node);
    }
}

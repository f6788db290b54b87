using System.Text.Json.Serialization;
using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Serialization;
using Cluster.Actors.Remote.Tcp;
using Cluster.TestKit;

namespace Cluster.Actors.Tests.Remote;

public sealed record Greeting(string Text);

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(string))]
public sealed partial class GreetingJsonContext : JsonSerializerContext;

/// <summary>Two actor systems in one process, talking over real loopback TCP.</summary>
public sealed class TcpActorSystemTests
{
    private static async Task<ActorSystem> StartNodeAsync(string name)
    {
        var registry = new MessageRegistry().AddKernelMessages();
        registry.Register("test.greeting.v1", GreetingJsonContext.Default.Greeting);
        registry.Register("test.string.v1", GreetingJsonContext.Default.String);
        var transport = new TcpTransport(new TcpTransportOptions { SystemName = name, ClusterSecret = "s3cret", Port = 0 }, registry);
        return await ActorSystem.CreateAsync(new ActorSystemOptions
        {
            Address = new NodeAddress(name, "127.0.0.1", 0),
            Transport = transport,
            RemoteWatch = new RemoteWatchOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100), UnreachableAfter = TimeSpan.FromSeconds(1) },
        });
    }

    [Fact]
    public async Task Ask_and_tell_work_across_processes_and_replies_come_back()
    {
        await using var a = await StartNodeAsync("a");
        await using var b = await StartNodeAsync("b");
        b.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = a.ResolvePath(new ActorPath(b.Address, "/user/echo"));

        var reply = await a.Ask<Greeting>(remoteEcho, new Greeting("hello over tcp"), TimeSpan.FromSeconds(10));

        Assert.Equal("hello over tcp", reply.Text);
    }

    [Fact]
    public async Task Remote_deathwatch_reports_a_stopped_actor_and_then_a_vanished_node()
    {
        var a = await StartNodeAsync("a");
        var b = await StartNodeAsync("b");
        try
        {
            var echo = b.ActorOf(Props.Create<EchoActor>(), "echo");
            b.ActorOf(Props.Create<EchoActor>(), "other");
            var probe = new TestProbe(a, new RealTimeProgress());
            var remoteEcho = a.ResolvePath(new ActorPath(b.Address, "/user/echo"));
            var remoteOther = a.ResolvePath(new ActorPath(b.Address, "/user/other"));
            probe.Send(remoteEcho, new Greeting("warm up"));
            probe.ExpectMsg<Greeting>(within: TimeSpan.FromSeconds(10));
            probe.Watch(remoteEcho);
            probe.Watch(remoteOther);

            b.Stop(echo);
            var stopped = probe.ExpectMsg<Terminated>(within: TimeSpan.FromSeconds(10));
            Assert.Equal(remoteEcho, stopped.Actor);
            Assert.False(stopped.AddressTerminated);

            await b.DisposeAsync();
            var vanished = probe.ExpectMsg<Terminated>(t => t.AddressTerminated, TimeSpan.FromSeconds(10));
            Assert.Equal(remoteOther, vanished.Actor);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}

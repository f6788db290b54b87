using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class AskTests
{
    private sealed class Silent : ActorBase
    {
        protected override void OnReceive(object message)
        {
        }
    }

    [Fact]
    public void Ask_completes_with_the_reply()
    {
        var kit = new DeterministicTestKit();
        var echo = kit.System.ActorOf(Props.Create<EchoActor>());

        Assert.Equal("hello", kit.Ask<string>(echo, "hello"));
    }

    [Fact]
    public void An_exception_in_the_target_fails_the_ask_at_once_instead_of_hanging()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var actor = kit.System.ActorOf(Props.Create(() => new CountingActor(probe.Ref)));
        var task = kit.System.Ask(actor, "fail", TimeSpan.FromSeconds(30));

        kit.RunUntilIdle();

        Assert.True(task.IsFaulted, "the ask should fail as soon as the target throws, not at its timeout");
        Assert.IsType<InvalidOperationException>(task.Exception!.InnerException);
        Assert.Equal(TimeSpan.Zero, kit.Now);
    }

    [Fact]
    public void Ask_without_reply_times_out_exactly_at_its_timeout_in_virtual_time()
    {
        var kit = new DeterministicTestKit();
        var silent = kit.System.ActorOf(Props.Create<Silent>());
        var task = kit.System.Ask(silent, "anyone?", TimeSpan.FromSeconds(5));

        kit.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(task.IsCompleted);
        kit.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(task.IsFaulted);
        Assert.IsType<AskTimeoutException>(task.Exception!.InnerException);
    }

    [Fact]
    public void Status_failure_reply_fails_the_ask_with_its_cause()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var task = kit.System.Ask(probe.Ref, "question", TimeSpan.FromSeconds(5));
        probe.ExpectMsg<string>();
        probe.Reply(new Status.Failure(new ArgumentException("bad field")));
        kit.RunUntilIdle();

        Assert.Equal("bad field", task.Exception!.InnerException!.Message);
    }

    [Fact]
    public void Ask_rejects_a_non_positive_timeout()
    {
        var kit = new DeterministicTestKit();
        var echo = kit.System.ActorOf(Props.Create<EchoActor>());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = kit.System.Ask(echo, "x", TimeSpan.Zero); });
        Assert.Equal("timeout", error.ParamName);
    }
}

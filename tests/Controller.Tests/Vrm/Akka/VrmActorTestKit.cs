using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Akka;

/// <summary>
/// The VRM actor on virtual time (TestScheduler moves its timers and the decider's now together) over
/// Akka.Persistence.TestKit's journal and snapshot store, whose writes a test can hold or fail.
/// </summary>
public abstract class VrmActorTestKit(ITestOutputHelper output) : global::Akka.TestKit.Xunit2.TestKit(Hocon, output: output)
{
    public const long Epoch = 7;

    private static readonly Config Hocon = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.test"
            test {
              class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.test"
            test {
              class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
        }
        """);

    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    protected ITestJournal Journal => TestJournal.FromRef(global::Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    protected IActorRef SnapshotStore => global::Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    protected static HostRegister Registration(string host) =>
        new(HostId.From(host), $"{host}.local:9120", new HostHardware(2, 10, 2, 2600, 262_144), CpuFeatureSet.None, [DatastoreId.From("ds-1")]);

    protected IActorRef StartVrm(VrmSettings? settings = null) =>
        Sys.ActorOf(VrmActor.Props(settings ?? new VrmSettings(), NullLogger.Instance, storageLeases: null, _ => new VrmTenure(Epoch, "ctrl-test")));

    protected T Ask<T>(IActorRef vrm, object question)
    {
        vrm.Tell(question, TestActor);
        return ExpectMsg<T>();
    }

    protected HostView HostOf(IActorRef vrm, string host) => Ask<HostView>(vrm, new GetHost(HostId.From(host)));

    /// <summary>Moves virtual time in one-second steps, so each detection tick is decided at its own instant.</summary>
    protected void Advance(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Every write waits in the journal until the test releases it; the first reaching it is signalled.</summary>
    protected async Task<(TaskCompletionSource ReachedJournal, TaskCompletionSource Release)> HoldWrites()
    {
        var reachedJournal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Journal.OnWrite.FailIf(async _ =>
        {
            reachedJournal.TrySetResult();
            await release.Task;
            return false;
        });
        return (reachedJournal, release);
    }
}

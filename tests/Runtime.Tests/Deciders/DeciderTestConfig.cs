using Akka.Configuration;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>Virtual time (TestScheduler drives timers and the deciders' <c>now</c>) and Akka.Persistence.TestKit's fault-injecting stores.</summary>
public static class DeciderTestConfig
{
    public static Config Hocon { get; } = ConfigurationFactory.ParseString("""
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
}

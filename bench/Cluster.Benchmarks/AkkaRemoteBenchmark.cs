using System.Diagnostics;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Serialization;

namespace Cluster.Benchmarks;

/// <summary>
/// Suite <c>akka</c>: one-way heartbeats per second over Akka.Remote on loopback with our serializer, between two
/// ActorSystems in this one process (two processes would also count process start-up and are left to the
/// multi-process harness): plain <c>akka.tcp</c>, then mutual TLS with certificates from scripts/make-certs.sh.
/// </summary>
public static class AkkaRemoteBenchmark
{
    private const long WarmUpMessages = 200_000;
    private const long MeasuredMessages = 1_000_000;
    private const int Window = 20 * AkkaRemoteFlood.AckEvery;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report("remote.msgs_per_s", await MeasureAsync(null), "msgs/s");

        var certs = Directory.CreateTempSubdirectory("cluster-akka-remote-bench-");
        try
        {
            MakeCertificates(certs.FullName);
            var password = (await File.ReadAllTextAsync(Path.Combine(certs.FullName, "password"))).Trim();
            TlsSettings Tls(string node) => new(true, Path.Combine(certs.FullName, node + ".pfx"), password, Path.Combine(certs.FullName, "ca.crt"));
            report("remote.tls.msgs_per_s", await MeasureAsync(Tls), "msgs/s");
        }
        finally
        {
            certs.Delete(recursive: true);
        }
    }

    /// <param name="tls">Node name to its TLS settings, or null for plain akka.tcp.</param>
    private static async Task<double> MeasureAsync(Func<string, TlsSettings>? tls)
    {
        ActorSystemSetup Setup(string node)
        {
            var bootstrap = BootstrapSetup.Create().WithConfig(RemotingOnly(tls is not null));
            return tls is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(ClusterTlsSetup.Create(tls(node)));
        }

        using var receiving = ActorSystem.Create("bench", Setup("a"));
        using var sending = ActorSystem.Create("bench", Setup("b"));
        try
        {
            await FloodAsync(receiving, sending, WarmUpMessages, "warm-up");
            var started = Stopwatch.GetTimestamp();
            await FloodAsync(receiving, sending, MeasuredMessages, "measured");
            return MeasuredMessages / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            await Task.WhenAll(sending.Terminate(), receiving.Terminate());
        }
    }

    private static async Task FloodAsync(ActorSystem receiving, ActorSystem sending, long messages, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiving.ActorOf(Props.Create(() => new AkkaRemoteFlood.Receiver(messages, done)), name);
        var address = ((ExtendedActorSystem)receiving).Provider.DefaultAddress;
        var target = await sending.ActorSelection($"{address}/user/{name}").ResolveOne(TimeSpan.FromSeconds(30));
        sending.ActorOf(Props.Create(() => new AkkaRemoteFlood.Sender(target, messages, Window)), name).Tell("start");
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static Config RemotingOnly(bool tls) =>
        ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.loglevel = WARNING
            akka.remote.dot-netty.tcp {
              hostname = 127.0.0.1
              port = 0
              enable-ssl = {{(tls ? "on" : "off")}}
              ssl.require-mutual-authentication = on
              ssl.validate-certificate-hostname = off
            }
            """).WithFallback(ClusterSerializationConfig.Hocon);

    private static void MakeCertificates(string dir)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine("scripts", "make-certs.sh"), dir, "a", "b" } };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("scripts/make-certs.sh failed (run the benchmark from the repository root, as scripts/bench.sh does)");
        }
    }
}

using System.Diagnostics;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Serialization;

namespace Cluster.Benchmarks;

/// <summary>
/// Suite <c>akka remote</c>: one-way heartbeats per second over Akka.Remote on loopback with our serializer, from this
/// process to a receiver in a second process (this benchmark's <see cref="ReceiverCommand"/>): plain <c>akka.tcp</c>,
/// then mutual TLS with certificates from scripts/make-certs.sh.
/// </summary>
public static class AkkaRemoteBenchmark
{
    public const string ReceiverCommand = "remote-receiver";
    private const string ReceiverName = "flood";
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
            report("remote.tls.msgs_per_s", await MeasureAsync(certs.FullName), "msgs/s");
        }
        finally
        {
            certs.Delete(recursive: true);
        }
    }

    /// <summary>The receiving process: prints its address, serves until stdin closes.</summary>
    public static async Task<int> RunReceiverAsync(string tlsDirectory)
    {
        using var system = ActorSystem.Create("bench", Setup(tlsDirectory == "-" ? null : tlsDirectory, "a"));
        system.ActorOf(Props.Create(() => new AkkaRemoteFlood.Receiver()), ReceiverName);
        Console.WriteLine($"READY {((ExtendedActorSystem)system).Provider.DefaultAddress}");
        await Console.In.ReadToEndAsync();
        await system.Terminate();
        return 0;
    }

    /// <param name="tlsDirectory">Where make-certs.sh wrote the CA and node files, or null for plain akka.tcp.</param>
    private static async Task<double> MeasureAsync(string? tlsDirectory)
    {
        using var receiver = StartReceiver(tlsDirectory);
        var ready = await receiver.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the receiver process exited before it was ready");
        var address = ready["READY ".Length..];
        using var sending = ActorSystem.Create("bench", Setup(tlsDirectory, "b"));
        try
        {
            var target = await sending.ActorSelection($"{address}/user/{ReceiverName}").ResolveOne(TimeSpan.FromSeconds(30));
            await FloodAsync(sending, target, 0, WarmUpMessages, "warm-up");
            var started = Stopwatch.GetTimestamp();
            await FloodAsync(sending, target, WarmUpMessages, MeasuredMessages, "measured");
            return MeasuredMessages / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            receiver.StandardInput.Close();
            await receiver.WaitForExitAsync();
            await sending.Terminate();
        }
    }

    private static Process StartReceiver(string? tlsDirectory)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AkkaRemoteBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add(ReceiverCommand);
        start.ArgumentList.Add(tlsDirectory ?? "-");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the receiver process");
    }

    private static async Task FloodAsync(ActorSystem sending, IActorRef target, long alreadyReceived, long messages, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sending.ActorOf(Props.Create(() => new AkkaRemoteFlood.Sender(target, alreadyReceived, messages, Window, done)), name).Tell("start");
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static ActorSystemSetup Setup(string? tlsDirectory, string node)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig(RemotingOnly(tlsDirectory is not null));
        if (tlsDirectory is null)
        {
            return ActorSystemSetup.Create(bootstrap);
        }

        var password = File.ReadAllText(Path.Combine(tlsDirectory, "password")).Trim();
        var tls = new TlsSettings(true, Path.Combine(tlsDirectory, node + ".pfx"), password, Path.Combine(tlsDirectory, "ca.crt"));
        return bootstrap.And(ClusterTlsSetup.Create(tls));
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

using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cluster.Runtime.Logs;

/// <summary>
/// Akka.NET's logger for our processes: each Akka log event goes to the process's <see cref="ILoggerFactory"/> as
/// "source: message" under the event's class as category. Akka.Hosting's own logger writes the whole event text,
/// which repeats level, time and thread in brackets, so every Akka line carried two timestamps.
/// </summary>
public sealed class AkkaLogForwarder : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;

    public AkkaLogForwarder()
    {
        _factory = Context.System.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory
            ?? throw new InvalidOperationException("AkkaLogForwarder needs the ILoggerFactory of the actor system's set-up (Akka.Hosting adds it)");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Forward);
    }

    /// <summary>The line an Akka log event becomes: its source (the actor or component) and its message, nothing else.</summary>
    public static string Text(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return $"{logEvent.LogSource}: {logEvent.Message}";
    }

    private void Forward(LogEvent logEvent)
    {
        // Events logged with a string source (remoting, the cluster core) carry Akka's placeholder class: "Akka" says more.
        var logger = _factory.CreateLogger(logEvent.LogClass is { } type && type != typeof(DummyClassForStringSources) ? type.FullName ?? "Akka" : "Akka");
        var level = logEvent.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => MsLogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => MsLogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => MsLogLevel.Warning,
            _ => MsLogLevel.Error,
        };
        if (logger.IsEnabled(level))
        {
#pragma warning disable CA2254 // The text is Akka's, already formatted.
            logger.Log(level, logEvent.Cause, Text(logEvent).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
#pragma warning restore CA2254
        }
    }
}

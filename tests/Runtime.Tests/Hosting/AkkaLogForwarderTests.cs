using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Cluster.Runtime.Logs;
using Cluster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cluster.Runtime.Tests.Hosting;

/// <summary>
/// Akka's log lines reach the process's logger as "source: message": the console logger adds the one timestamp and
/// level (Akka.Hosting's logger passed Akka's whole event text on, "[WARNING][date][Thread 0007][source] message").
/// </summary>
public sealed class AkkaLogForwarderTests : IAsyncLifetime
{
    private readonly CapturingProvider _captured = new();
    private ServiceProvider? _services;

    [Fact]
    public async Task An_akka_warning_is_one_line_of_source_and_message_at_warning_level_without_akkas_own_time_and_thread()
    {
        var system = _services!.GetRequiredService<ActorSystem>();

        system.Log.Warning("lease {0} renewal failed", "vrm");
        var (level, category, text) = await _captured.FirstAsync(e => e.Text.Contains("renewal failed", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("Akka", category, StringComparison.Ordinal);
        Assert.DoesNotContain("DummyClassForStringSources", category, StringComparison.Ordinal);
        Assert.EndsWith(": lease vrm renewal failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thread", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\d:\d\d:\d\d", text);
    }

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.ClearProviders().AddProvider(_captured).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<IHostApplicationLifetime, TestHostLifetime>();
        services.AddAkka("logs", builder => builder.ConfigureLoggers(l =>
        {
            l.ClearLoggers();
            l.AddLogger<AkkaLogForwarder>();
        }));
        _services = services.BuildServiceProvider();
        await HostedServices.StartAllAsync(_services);
    }

    public Task DisposeAsync() => HostedServices.StopAllAsync(_services);

    /// <summary>Keeps every entry; a test awaits the first that matches.</summary>
    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();
        private readonly List<(Func<(LogLevel Level, string Category, string Text), bool> Match, TaskCompletionSource<(LogLevel, string, string)> Done)> _waiters = [];

        public Task<(LogLevel Level, string Category, string Text)> FirstAsync(Func<(LogLevel Level, string Category, string Text), bool> match)
        {
            lock (_waiters)
            {
                foreach (var entry in _entries)
                {
                    if (match(entry))
                    {
                        return Task.FromResult(entry);
                    }
                }

                var done = new TaskCompletionSource<(LogLevel, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, done));
                return done.Task;
            }
        }

        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

        public void Dispose()
        {
        }

        private void Add(LogLevel level, string category, string text)
        {
            lock (_waiters)
            {
                _entries.Enqueue((level, category, text));
                foreach (var waiter in _waiters.Where(w => w.Match((level, category, text))).ToList())
                {
                    waiter.Done.TrySetResult((level, category, text));
                    _waiters.Remove(waiter);
                }
            }
        }

        private sealed class Capturing(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Add(logLevel, category, formatter(state, exception));
        }
    }
}

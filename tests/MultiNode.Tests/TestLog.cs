using System.Collections.Concurrent;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// Every node's log lines in memory, in order, so that a failed wait can show what the cluster did; written to the
/// test output only then, because five actor systems log a lot.
/// </summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _node;
    private readonly TestLog? _shared;

    public TestLog()
    {
        _node = "test";
    }

    private TestLog(TestLog shared, string node)
    {
        _shared = shared;
        _node = node;
    }

    /// <summary>A logger factory whose lines carry <paramref name="node"/>'s name and land in this log.</summary>
    public ILoggerFactory For(string node) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new TestLog(this, node)));

    public IEnumerable<string> Lines => (_shared ?? this)._lines;

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void Dispose()
    {
    }

    public string Tail(int count) => string.Join('\n', Lines.TakeLast(count));

    /// <summary>Writes every line to a file in the temp directory and returns its path (a failed wait names it).</summary>
    public string Dump()
    {
        var path = Path.Combine(Path.GetTempPath(), $"multinode-{Guid.NewGuid():N}.log");
        File.WriteAllLines(path, Lines);
        return path;
    }

    private void Add(string line) => (_shared ?? this)._lines.Enqueue(line);

    private sealed class Writer(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var at = Stopwatch.GetTimestamp();
            log.Add($"{at / (Stopwatch.Frequency / 1000) % 1_000_000:000000} {log._node} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.GetBaseException().Message)}");
        }
    }
}

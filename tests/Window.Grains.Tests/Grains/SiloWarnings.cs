using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Window.Grains.Tests.Grains;

/// <summary>The warnings logged through it (as a silo's logger provider, or as one logger), for tests that check what was said.</summary>
public sealed class SiloWarnings : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> warnings = new();

    public IReadOnlyCollection<string> Logged => warnings;

    public void Clear() => warnings.Clear();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (logLevel == LogLevel.Warning)
        {
            warnings.Enqueue(formatter(state, exception));
        }
    }

    public void Dispose()
    {
    }
}

using Microsoft.Extensions.Logging;
using System.Text;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>Keeps every formatted log line (and exception text) so tests can look for leaked key material.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly StringBuilder text = new();

    public string Text
    {
        get
        {
            lock (text)
                return text.ToString();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (text)
            text.Append(eventId.Id).Append(' ').Append(formatter(state, exception)).Append(' ').Append(exception).Append('\n');
    }
}

namespace Encryption.Ztunnel;

/// <summary>An immutable value, its version, and a task that completes when it is replaced.</summary>
public sealed record Versioned<T>(T Value, long Version, Task Changed);

/// <summary>A value replaced whole; readers wait on the snapshot they hold to learn of the next one.</summary>
public sealed class Watchable<T>
{
    private readonly Lock gate = new();
    private TaskCompletionSource changed = New();
    private Versioned<T> current;

    public Watchable(T initial) => current = new Versioned<T>(initial, 0, changed.Task);

    public Versioned<T> Current
    {
        get
        {
            lock (gate)
                return current;
        }
    }

    public void Set(T value)
    {
        TaskCompletionSource expired;
        lock (gate)
        {
            expired = changed;
            changed = New();
            current = new Versioned<T>(value, current.Version + 1, changed.Task);
        }

        expired.TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

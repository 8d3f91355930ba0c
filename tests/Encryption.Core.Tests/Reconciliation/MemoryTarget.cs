using Encryption.Core.Reconciliation;

namespace Encryption.Core.Tests.Reconciliation;

/// <summary>
/// A realized state in memory: a log of operations, owned and foreign objects, and injected failures. Delete of a
/// missing object succeeds; prune removes only owned objects.
/// </summary>
internal sealed class MemoryTarget : IReconcileOperations<string, string>, IDriftDetector<string, string>
{
    private readonly Lock _lock = new();

    public Dictionary<string, string> Realized { get; } = [];

    /// <summary>Realized objects another program owns: prune must leave them.</summary>
    public HashSet<string> Foreign { get; } = [];

    public List<string> Operations { get; } = [];

    /// <summary>Key → how many more updates/deletes of it fail (int.MaxValue: always).</summary>
    public Dictionary<string, int> Failures { get; } = [];

    public int PruneFailures { get; set; }

    /// <summary>Runs inside an update, before it takes effect (to change things mid-flight).</summary>
    public Action<string>? DuringUpdate { get; set; }

    public Task UpdateAsync(string key, string desired, CancellationToken cancellationToken)
    {
        lock (_lock)
            Operations.Add($"update({key})");
        DuringUpdate?.Invoke(key);
        lock (_lock)
        {
            Fail(key);
            Realized[key] = desired;
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, string last, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Operations.Add($"delete({key})");
            Fail(key);
            Realized.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task PruneAsync(IReadOnlyDictionary<string, string> desired, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Operations.Add("prune");
            if (PruneFailures > 0)
            {
                PruneFailures--;
                throw new IOException("prune: injected failure");
            }

            foreach (var key in Realized.Keys.Where(k => !desired.ContainsKey(k) && !Foreign.Contains(k)).ToList())
                Realized.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyCollection<string>> FindDriftAsync(IReadOnlyDictionary<string, string> desired, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyCollection<string> drifted = desired.Where(d => !Realized.TryGetValue(d.Key, out var v) || v != d.Value).Select(d => d.Key).ToList();
            return Task.FromResult(drifted);
        }
    }

    public string[] TakeOperations()
    {
        lock (_lock)
        {
            var result = Operations.ToArray();
            Operations.Clear();
            return result;
        }
    }

    private void Fail(string key)
    {
        if (!Failures.TryGetValue(key, out var left) || left <= 0)
            return;
        if (left != int.MaxValue)
            Failures[key] = left - 1;
        throw new IOException($"{key}: injected failure");
    }
}

using System.Globalization;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// Finds pods' network namespaces under the host's proc file system, as Istio's CNI node agent does for pods that
/// already run: a process whose cgroup names the pod (<see cref="PodCgroup"/>) and whose network namespace is not the
/// host's (the agent's own, as it runs on the host network, and PID 1's) gives <c>PROCFS/PID/ns/net</c>; the lowest such PID (the pod's sandbox, which
/// lives as long as the pod) is chosen. Same as: <c>grep -l pod&lt;uid&gt; /proc/*/cgroup</c>, then <c>readlink
/// /proc/PID/ns/net</c>. The agent needs the host's PIDs: hostPID, or the host's /proc mounted (the chart mounts it at
/// /host/proc and sets <c>procfs</c>).
/// <see cref="Find"/> runs on every apply, so what it found is kept: a kept PID is checked with one read of its
/// cgroup file, and /proc is walked only for pods not found before (or whose process is gone); pods still missing
/// after a walk (not started yet) are looked for again at most every <see cref="MissingRetry"/>.
/// </summary>
public sealed class ProcfsPodNamespaces(string procfs, TimeProvider? time = null) : IPodNamespaceFinder
{
    public static readonly TimeSpan MissingRetry = TimeSpan.FromSeconds(10);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private Dictionary<string, (int Pid, string Path)> known = new(StringComparer.Ordinal);
    private HashSet<string> missing = new(StringComparer.Ordinal);
    private DateTimeOffset lastScan = DateTimeOffset.MinValue;

    /// <summary>How many times /proc was walked (for tests).</summary>
    public int Scans { get; private set; }

    public IReadOnlyDictionary<string, string> Find(IReadOnlySet<string> podUids)
    {
        ArgumentNullException.ThrowIfNull(podUids);
        var kept = new Dictionary<string, (int Pid, string Path)>(StringComparer.Ordinal);
        foreach (var uid in podUids)
        {
            if (known.TryGetValue(uid, out var entry) && PodUid(Path.Join(procfs, entry.Pid.ToString(CultureInfo.InvariantCulture))) == uid)
                kept[uid] = entry;
        }

        var wanted = podUids.Where(uid => !kept.ContainsKey(uid)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        if (wanted.Count > 0 && (!wanted.IsSubsetOf(missing) || now - lastScan >= MissingRetry))
        {
            foreach (var (uid, entry) in Scan(wanted.Contains))
                kept[uid] = entry;
            lastScan = now;
            missing = wanted.Where(uid => !kept.ContainsKey(uid)).ToHashSet(StringComparer.Ordinal);
        }

        known = kept;
        return kept.ToDictionary(f => f.Key, f => f.Value.Path, StringComparer.Ordinal);
    }

    /// <summary>Every pod running here (not on the host network): UID → path of its network namespace.</summary>
    public IReadOnlyDictionary<string, string> FindAll() =>
        Scan(_ => true).ToDictionary(f => f.Key, f => f.Value.Path, StringComparer.Ordinal);

    private Dictionary<string, (int Pid, string Path)> Scan(Func<string, bool> wanted)
    {
        Scans++;
        var found = new Dictionary<string, (int Pid, string Path)>(StringComparer.Ordinal);
        // The host's namespace: the agent's own (it runs on the host network) and that of the host's PID 1 when
        // readable. A pod process in either is a host-network pod's.
        var hostNamespaces = new[] { NamespaceOf("/proc/self/ns/net"), NamespaceOf(Path.Join(procfs, "1", "ns", "net")) }
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procfs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return found;
        }

        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var uid = PodUid(entry);
            if (uid is null || !wanted(uid) || (found.TryGetValue(uid, out var best) && best.Pid < pid))
                continue;
            var netns = Path.Join(entry, "ns", "net");
            var identity = NamespaceOf(netns);
            if (identity is null || hostNamespaces.Contains(identity))
                continue;
            found[uid] = (pid, netns);
        }

        return found;
    }

    private static string? PodUid(string processDirectory)
    {
        try
        {
            return PodCgroup.PodUid(File.ReadAllText(Path.Join(processDirectory, "cgroup")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended, or is not ours to read
        }
    }

    /// <summary>The namespace a ns file stands for (<c>net:[4026531840]</c>), or null when unreadable.</summary>
    private static string? NamespaceOf(string nsFile)
    {
        try
        {
            return new FileInfo(nsFile).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

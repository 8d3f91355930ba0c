using Encryption.Cli.Interop;
using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Lab.Ztunnel;

namespace Encryption.Cli.Lab;

/// <summary>What <c>lab down</c> removed.</summary>
internal sealed record TeardownReport(IReadOnlyList<int> KilledPids, IReadOnlyList<string> DeletedNamespaces, bool RemovedStateDirectory)
{
    public bool NothingFound => KilledPids.Count == 0 && DeletedNamespaces.Count == 0 && !RemovedStateDirectory;
}

/// <summary>
/// Removes everything one lab created, whatever state it is in: processes (every process inside a lab namespace, any
/// agent whose command line names the lab's store and any ztunnel whose environment names the lab, even if its
/// namespace is already gone), then the
/// namespaces (found by name, state file or not), then the state directory.
/// </summary>
internal static class LabTeardown
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    public static async Task<TeardownReport> DownAsync(LabNames names, LabPaths paths, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(paths);
        var state = LabStateStore.Read(paths);
        var existing = await Ip.NamespacesAsync(cancellationToken).ConfigureAwait(false);
        var namespaces = existing.Where(names.Owns).Union(state?.Namespaces.Where(existing.Contains) ?? [])
            .OrderBy(TeardownOrder).ThenBy(ns => ns, StringComparer.Ordinal).ToList();

        var pids = new HashSet<int>(ProcessScan.WithCommandLineContaining(paths.AgentMarker));
        pids.UnionWith(ProcessScan.WithEnvironmentEntry(ZtunnelProxyCommand.Marker(paths)));
        foreach (var ns in namespaces)
            pids.UnionWith(await Ip.PidsAsync(ns, cancellationToken).ConfigureAwait(false));
        pids.Remove(Environment.ProcessId);

        var killed = await StopAsync(pids, time, cancellationToken).ConfigureAwait(false);
        var deleted = new List<string>();
        foreach (var ns in namespaces)
        {
            // Same as: ip netns delete NS
            var result = await ProcessRunner.RunAsync("ip", ["netns", "delete", ns], cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
                deleted.Add(ns);
            else if (File.Exists($"/run/netns/{ns}"))
                result.EnsureSuccess();
        }

        var removedState = Directory.Exists(paths.Directory);
        if (removedState)
            Directory.Delete(paths.Directory, recursive: true);
        RemoveIfEmpty(paths.StateRoot);
        return new TeardownReport(killed, deleted, removedState);
    }

    /// <summary>SIGTERM, a grace period for a clean exit, then SIGKILL for what is left.</summary>
    private static async Task<IReadOnlyList<int>> StopAsync(IReadOnlyCollection<int> pids, TimeProvider time, CancellationToken cancellationToken)
    {
        var signalled = pids.Where(pid => Signals.Send(pid, Signals.SIGTERM)).ToList();
        if (!await AllExitedAsync(signalled, GracePeriod, time, cancellationToken).ConfigureAwait(false))
        {
            foreach (var pid in signalled.Where(ProcessState.IsRunning))
                Signals.Send(pid, Signals.SIGKILL);
            if (!await AllExitedAsync(signalled, GracePeriod, time, cancellationToken).ConfigureAwait(false))
                throw new InvalidOperationException($"processes still running after SIGKILL: {string.Join(", ", signalled.Where(ProcessState.IsRunning))}");
        }

        return signalled;
    }

    private static async Task<bool> AllExitedAsync(IReadOnlyList<int> pids, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (pids.Any(ProcessState.IsRunning))
        {
            if (time.GetElapsedTime(started) > timeout)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The state root goes too once no lab is left in it.</summary>
    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Another lab appeared in it meanwhile.
        }
    }

    /// <summary>Pods first (enclab-X-nNpP), then nodes (enclab-X-nN), then the underlay (enclab-X-ul).</summary>
    private static int TeardownOrder(string ns)
    {
        var suffix = ns[(ns.LastIndexOf('-') + 1)..];
        if (suffix == "ul")
            return 2;
        return suffix.Contains('p', StringComparison.Ordinal) ? 0 : 1;
    }
}

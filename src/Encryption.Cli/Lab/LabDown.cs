namespace Encryption.Cli.Lab;

/// <summary><c>lab down</c>: removes one lab (or every lab with <c>--all</c>), also after a crash.</summary>
internal sealed class LabDown(LabConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(string stateRoot, IReadOnlyList<string> labs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labs);
        foreach (var lab in labs)
        {
            var report = await LabTeardown.DownAsync(new LabNames(lab), new LabPaths(stateRoot, lab), time, cancellationToken).ConfigureAwait(false);
            if (report.NothingFound)
            {
                console.Note($"lab \"{lab}\": nothing to remove");
                continue;
            }

            console.Good($"lab \"{lab}\" removed: {report.KilledPids.Count} process(es) stopped, {report.DeletedNamespaces.Count} namespace(s) deleted"
                + (report.RemovedStateDirectory ? ", state directory removed" : ""));
        }

        return 0;
    }

    /// <summary>Every lab on this host: state directories under the root, and lab namespaces by name.</summary>
    public static IReadOnlyList<string> AllLabs(string stateRoot, IEnumerable<string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var fromState = Directory.Exists(stateRoot)
            ? Directory.EnumerateDirectories(stateRoot).Select(Path.GetFileName).OfType<string>()
            : [];
        var fromNamespaces = namespaces
            .Where(ns => ns.StartsWith(LabNames.Prefix, StringComparison.Ordinal))
            .Select(ns => ns[LabNames.Prefix.Length..].Split('-')[0]);
        return fromState.Concat(fromNamespaces).Where(LabNames.IsValid).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}

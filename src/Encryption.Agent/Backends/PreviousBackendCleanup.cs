using Encryption.Agent.Logging;
using Encryption.Core.Backends;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Backends;

/// <summary>
/// Before the backend starts: when this node last ran a different backend (an operator switched
/// <c>encryption.type</c>, or turned encryption off), removes what that backend left in the kernel, so that stale
/// XFRM policies or a WireGuard device do not keep steering (or, in strict mode, dropping) traffic. The backend last
/// started is recorded in a marker file in the agent's runtime directory, next to the status socket: gone after a
/// reboot, like the kernel state it stands for. Without a marker nothing is removed: what this agent did not install
/// may belong to other software. A failed removal is logged and leaves the marker as it was, so the next start retries.
/// </summary>
internal sealed class PreviousBackendCleanup(string markerPath, IReadOnlyList<IBackendLeftovers> leftovers, ILogger logger)
{
    /// <summary>The backend whose leftovers are to go, if any.</summary>
    public static EncryptionType? ToRemove(EncryptionType? previous, EncryptionType current) =>
        previous is { } p && p != current && p != EncryptionType.None ? p : null;

    public string MarkerPath => markerPath;

    public async Task RunAsync(EncryptionType current, CancellationToken cancellationToken)
    {
        var previous = ReadMarker();
        if (ToRemove(previous, current) is { } stale)
        {
            var (was, now) = (BackendNames.Name(stale), BackendNames.Name(current));
            var remover = leftovers.FirstOrDefault(l => l.Type == stale);
            if (remover is null)
            {
                LeftoversLog.LeftInPlace(logger, was, now, "this build has nothing that removes its objects");
            }
            else
            {
                try
                {
                    var removed = await remover.RemoveAsync(cancellationToken).ConfigureAwait(false);
                    LeftoversLog.Removed(logger, was, now, removed.Count == 0 ? "nothing was left" : string.Join(", ", removed));
                }
#pragma warning disable CA1031 // the new backend must still start; the failure is logged and retried next start
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LeftoversLog.RemoveFailed(logger, was, now, e);
                    return;
                }
            }
        }

        WriteMarker(current);
    }

    private EncryptionType? ReadMarker()
    {
        try
        {
            return File.Exists(markerPath) && BackendNames.TryParse(File.ReadAllText(markerPath), out var type) ? type : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteMarker(EncryptionType current)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(markerPath)!);
            var temporary = markerPath + ".tmp";
            File.WriteAllText(temporary, BackendNames.Name(current) + "\n");
            File.Move(temporary, markerPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LeftoversLog.LeftInPlace(logger, BackendNames.Name(current), BackendNames.Name(current), $"cannot record the backend in {markerPath}: {e.Message}");
        }
    }
}

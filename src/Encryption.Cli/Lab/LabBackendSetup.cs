using Encryption.Core.IO;
using Encryption.IPsec.Keys;
using System.Text;

namespace Encryption.Cli.Lab;

/// <summary>
/// What each backend needs from the lab besides the common agent flags: shared material created once (the IPsec
/// pre-shared key file, mode 0600, never printed) and per-node paths, because lab nodes share the host's file
/// system (a WireGuard key and UAPI socket per node, a ZDS socket per node).
/// </summary>
internal static class LabBackendSetup
{
    /// <summary>Creates the lab-wide material of <paramref name="backend"/> (before any agent starts).</summary>
    public static async Task PrepareAsync(string backend, LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (backend == "ipsec" && !File.Exists(IPsecKeyFile(paths)))
        {
            var line = KeyFileWriter.Create(KeyTemplate.Rfc4106GcmAes) + "\n";
            await AtomicFile.WriteAsync(IPsecKeyFile(paths), Encoding.ASCII.GetBytes(line), AtomicFile.Private, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The agent flags <paramref name="backend"/> needs on <paramref name="node"/>.</summary>
    public static IReadOnlyList<string> AgentArguments(string backend, LabNode node, LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        var directory = paths.NodeDirectory(node.Name);
        return backend switch
        {
            "ipsec" => ["--ipsec-key-file", IPsecKeyFile(paths)],
            "wireguard" =>
            [
                "--enable-wireguard-userspace-fallback=true",
                "--wireguard-state-dir", Path.Combine(directory, "wireguard"),
                "--wireguard-userspace-socket-dir", Path.Combine(directory, "wireguard-uapi"),
            ],
            "ztunnel" =>
            [
                "--ztunnel-secrets-dir", Path.Combine(paths.Directory, "ztunnel-secrets"),
                "--ztunnel-zds-unix-addr", Path.Combine(directory, "ztunnel-zds.sock"),
            ],
            _ => [],
        };
    }

    /// <summary>The lab's IPsec key file (the Secret <c>cilium-ipsec-keys</c>, key <c>keys</c>, of a real cluster).</summary>
    public static string IPsecKeyFile(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Directory, "ipsec", "keys");
    }
}

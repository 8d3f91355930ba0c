using Encryption.Cli.Lab.Ztunnel;
using Encryption.Core.IO;
using Encryption.IPsec.Keys;
using System.Text;

namespace Encryption.Cli.Lab;

/// <summary>
/// What each backend needs from the lab besides the common agent flags: shared material created once (the IPsec
/// pre-shared key file, mode 0600, never printed; the ztunnel secrets, private keys 0600) and per-node paths, because lab nodes share the host's file
/// system (a WireGuard key and UAPI socket per node, a ZDS socket per node).
/// </summary>
internal static class LabBackendSetup
{
    private const string WireGuardStateDirectory = "wireguard";
    private const string WireGuardUapiDirectory = "wireguard-uapi";

    /// <summary>Creates the lab-wide material of <paramref name="backend"/> (before any agent starts).</summary>
    public static async Task PrepareAsync(string backend, LabPaths paths, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (backend == "ztunnel")
            await LabZtunnelSecrets.CreateAsync(LabZtunnelSecrets.Directory(paths), time, cancellationToken).ConfigureAwait(false);
        if (backend == "ipsec" && !File.Exists(IPsecKeyFile(paths)))
        {
            var line = KeyFileWriter.Create(KeyTemplate.Rfc4106GcmAes) + "\n";
            await AtomicFile.WriteAsync(IPsecKeyFile(paths), Encoding.ASCII.GetBytes(line), AtomicFile.Private, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the per-node directories the agent flags name (a backend may expect them to exist).</summary>
    public static void PrepareNode(string backend, LabNode node, LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        if (backend != "wireguard")
            return;
        var directory = paths.NodeDirectory(node.Name);
        foreach (var name in (string[])[WireGuardStateDirectory, WireGuardUapiDirectory])
            Directory.CreateDirectory(Path.Combine(directory, name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
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
                "--wireguard-state-dir", Path.Combine(directory, WireGuardStateDirectory),
                "--wireguard-userspace-socket-dir", Path.Combine(directory, WireGuardUapiDirectory),
            ],
            "ztunnel" =>
            [
                "--ztunnel-secrets-dir", LabZtunnelSecrets.Directory(paths),
                "--ztunnel-zds-unix-addr", ZdsSocket(node, paths),
            ],
            _ => [],
        };
    }

    /// <summary>The node's ZDS socket: the agent listens on it, the node's ztunnel (INPOD_UDS) connects to it.</summary>
    public static string ZdsSocket(LabNode node, LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.NodeDirectory(node.Name), "ztunnel-zds.sock");
    }

    /// <summary>The lab's IPsec key file (the Secret <c>cilium-ipsec-keys</c>, key <c>keys</c>, of a real cluster).</summary>
    public static string IPsecKeyFile(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Directory, "ipsec", "keys");
    }
}

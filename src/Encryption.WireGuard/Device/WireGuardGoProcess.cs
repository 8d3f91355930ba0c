using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Encryption.WireGuard.Device;

/// <summary>
/// A wireguard-go process serving one device: <c>WG_PROCESS_FOREGROUND=1 wireguard-go -f IFNAME</c>, optionally inside a
/// network namespace (<c>ip netns exec</c>) and with its UAPI socket in a private directory. wireguard-go always puts the
/// socket in /var/run/wireguard, so several devices of the same name (one per lab node) would collide; with a private
/// directory the process runs in its own mount namespace with that directory bind-mounted over /var/run/wireguard, and
/// clients use the directory's own path (a UNIX socket is reached through any mount of its directory).
/// </summary>
public sealed partial class WireGuardGoProcess : IDisposable
{
    private const string DefaultDirectory = "/var/run/wireguard";
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WireGuardGoProcess(Process process, string interfaceName, string socketPath)
    {
        this.process = process;
        InterfaceName = interfaceName;
        SocketPath = socketPath;
    }

    public string InterfaceName { get; }

    public string SocketPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts wireguard-go and waits until its UAPI socket accepts connections.</summary>
    public static WireGuardGoProcess Start(string interfaceName, string socketDirectory, string? networkNamespace = null, string executable = "wireguard-go", TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentException.ThrowIfNullOrEmpty(socketDirectory);
        Directory.CreateDirectory(socketDirectory);
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        psi.Environment["WG_PROCESS_FOREGROUND"] = "1";
        var privateDirectory = Path.GetFullPath(socketDirectory).TrimEnd('/') != DefaultDirectory
            && Path.GetFullPath(socketDirectory).TrimEnd('/') != "/run/wireguard";
        var command = new List<string>();
        if (networkNamespace is not null)
            command.AddRange(["ip", "netns", "exec", networkNamespace]);
        else if (privateDirectory)
            command.AddRange(["unshare", "--mount", "--propagation", "slave"]);
        if (privateDirectory)
        {
            // Positional parameters, never interpolated: $0 directory, $1 executable, $2 interface.
            command.AddRange(["sh", "-c", "mkdir -p /var/run/wireguard && mount --bind \"$0\" /var/run/wireguard && exec \"$1\" -f \"$2\"",
                Path.GetFullPath(socketDirectory), executable, interfaceName]);
        }
        else
        {
            command.AddRange([executable, "-f", interfaceName]);
        }

        psi.FileName = command[0];
        foreach (var argument in command.Skip(1))
            psi.ArgumentList.Add(argument);

        var socketPath = Path.Combine(socketDirectory, interfaceName + ".sock");
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {executable}");
        var result = new WireGuardGoProcess(process, interfaceName, socketPath);
        process.OutputDataReceived += (_, e) => result.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => result.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            result.WaitForSocket(timeout ?? TimeSpan.FromSeconds(10));
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>What the process printed so far (for diagnostics).</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>Stops the process (SIGTERM, then SIGKILL after 3 s); wireguard-go removes its socket and device on SIGTERM.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                _ = kill(process.Id, 15);
                if (!process.WaitForExit(3000))
                    process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }

    private void WaitForSocket(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"wireguard-go for {InterfaceName} exited with {process.ExitCode}: {Output}");
            if (File.Exists(SocketPath) && CanConnect())
                return;
            Thread.Sleep(20);
        }

        throw new TimeoutException($"wireguard-go for {InterfaceName} created no UAPI socket at {SocketPath} within {timeout.TotalSeconds} s: {Output}");
    }

    private bool CanConnect()
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(SocketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (output)
        {
            if (output.Length < 16 * 1024)
                output.AppendLine(line);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

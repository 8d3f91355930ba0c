using System.Diagnostics;

namespace Netlink.Tests;

/// <summary>A fresh named network namespace (<c>ip netns add</c>), deleted on dispose. Needs root: fails, never skips.</summary>
internal sealed class TestNamespace : IDisposable
{
    public TestNamespace()
    {
        RequireRoot();
        Name = "nltest-" + Guid.NewGuid().ToString("N")[..10];
        Run("ip", "netns", "add", Name);
    }

    public string Name { get; }

    public NetworkNamespace Open() => NetworkNamespace.FromName(Name);

    /// <summary>Runs a command inside the namespace and returns its stdout.</summary>
    public string Exec(params string[] command) => Run(["ip", "netns", "exec", Name, .. command]);

    public void Dispose() => Run("ip", "netns", "delete", Name);

    public static void RequireRoot()
    {
        if (Environment.UserName != "root" && geteuid() != 0)
            throw new InvalidOperationException("host-kernel tests need root (network namespaces, CAP_NET_ADMIN); run scripts/test.sh as root");
    }

    public static string Run(params string[] command)
    {
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command[1..])
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {p.ExitCode}: {stderr}");
        return stdout;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}

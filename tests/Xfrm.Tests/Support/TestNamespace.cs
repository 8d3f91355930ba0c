using Netlink;
using Xfrm.Client;

namespace Xfrm.Tests.Support;

/// <summary>
/// A fresh named network namespace (<c>ip netns add</c>) with an XFRM client bound to it; deleted on dispose.
/// Needs root: a test using it fails (does not skip) when it cannot run.
/// </summary>
internal sealed class TestNamespace : IDisposable
{
    private readonly NetworkNamespace handle;

    public TestNamespace(string prefix = "xfrmt")
    {
        Tiers.RequireRoot();
        Name = $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        Processes.Check("ip", "netns", "add", Name);
        handle = NetworkNamespace.FromName(Name);
        Client = XfrmClient.Open(handle);
    }

    public string Name { get; }

    public NetworkNamespace Handle => handle;

    public XfrmClient Client { get; }

    /// <summary>Runs <c>ip -n NAME args...</c> and returns its output (asserting success).</summary>
    public string Ip(params string[] arguments) => Processes.Check("ip", ["-n", Name, .. arguments]);

    /// <summary>Runs a command inside the namespace (<c>ip netns exec</c>).</summary>
    public (int ExitCode, string Output) Exec(params string[] command) => Processes.Run("ip", ["netns", "exec", Name, .. command]);

    public void Dispose()
    {
        Client.Dispose();
        handle.Dispose();
        Processes.Run("ip", ["netns", "del", Name]);
    }
}

/// <summary>Preconditions of the test tiers. A tier that cannot run fails loudly, it never skips.</summary>
internal static class Tiers
{
    public static void RequireRoot() =>
        Assert.True(Environment.IsPrivilegedProcess, "host-kernel and UML tests need root (network namespaces, CAP_NET_ADMIN)");

    /// <summary>Inside the user-mode-linux guest of scripts/uml-run.sh, with the ESP datapath loaded.</summary>
    public static void RequireUml()
    {
        RequireRoot();
        Assert.True(Environment.GetEnvironmentVariable("UML_GUEST") == "1",
            "this test needs the user-mode-linux tier: run it through scripts/uml-run.sh -- dotnet test ... --filter Tier=Uml");
        var modules = File.ReadAllText("/proc/modules");
        foreach (var module in new[] { "esp4", "esp6", "xfrm_user", "veth" })
            Assert.True(modules.Contains(module + " ", StringComparison.Ordinal), $"kernel module {module} is not loaded in the guest");
    }
}

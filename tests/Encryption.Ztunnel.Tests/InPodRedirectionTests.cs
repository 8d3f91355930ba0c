using System.Text.Json.Nodes;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Tests.Support;

namespace Encryption.Ztunnel.Tests;

/// <summary>nftables + ip rules inside real network namespaces (root; nft, ip, nsenter).</summary>
public sealed class InPodRedirectionTests : IDisposable
{
    private readonly TestNetns pod = TestNetns.Create();
    private readonly NftablesInPodRedirection redirection = new();

    internal static bool RulesPresent(TestNetns netns) =>
        netns.Exec("nft", "list", "table", "inet", InPodRules.Table).ExitCode == 0
        && netns.Exec("ip", "rule", "show").StandardOutput.Contains("fwmark 0x111/0xfff lookup 100", StringComparison.Ordinal);

    internal static bool RulesAbsent(TestNetns netns) =>
        netns.Exec("nft", "list", "table", "inet", InPodRules.Table).ExitCode != 0
        && !netns.Exec("ip", "rule", "show").StandardOutput.Contains("lookup 100", StringComparison.Ordinal)
        && netns.Exec("ip", "route", "show", "table", "100").StandardOutput.Trim().Length == 0;

    [Fact]
    public async Task InstallPutsTheTableRuleAndRouteInThePodAndRemoveTakesThemAway()
    {
        await redirection.InstallAsync(pod.Path, CancellationToken.None);
        Assert.True(RulesPresent(pod));
        Assert.Contains("local default dev lo", pod.Exec("ip", "route", "show", "table", "100").StandardOutput, StringComparison.Ordinal);

        await redirection.RemoveAsync(pod.Path, CancellationToken.None);

        Assert.True(RulesAbsent(pod));
        Assert.Equal("", TestNetns.Run("nft", "list", "tables").Split('\n').FirstOrDefault(l => l.Contains(InPodRules.Table, StringComparison.Ordinal)) ?? "");
    }

    [Fact]
    public async Task InstallingTwiceLeavesOneRuleAndRemovingTwiceSucceeds()
    {
        await redirection.InstallAsync(pod.Path, CancellationToken.None);
        await redirection.InstallAsync(pod.Path, CancellationToken.None);

        var rules = pod.Exec("ip", "rule", "show").StandardOutput.Split('\n').Count(l => l.Contains("lookup 100", StringComparison.Ordinal));
        Assert.Equal(1, rules);
        await redirection.RemoveAsync(pod.Path, CancellationToken.None);
        await redirection.RemoveAsync(pod.Path, CancellationToken.None);
        Assert.True(RulesAbsent(pod));
    }

    [Fact]
    public async Task RemovingFromANamespaceThatIsGoneSucceeds() =>
        await redirection.RemoveAsync("/run/netns/zt-never-existed", CancellationToken.None);

    [Fact]
    public async Task PodTcpIsRedirectedToTheOutboundPortExceptZtunnelsOwnMarkedSockets()
    {
        // An on-link subnet (a veth pair kept inside the namespace) so TCP to 10.99.0.9 leaves through v0.
        Assert.Equal(0, pod.Exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1").ExitCode);
        pod.Exec("ip", "addr", "add", "10.99.0.2/24", "dev", "v0");
        pod.Exec("ip", "link", "set", "v0", "up");
        pod.Exec("ip", "link", "set", "v1", "up");
        var probe = Path.Combine(AppContext.BaseDirectory, "redirect_probe.py");
        var before = JsonNode.Parse(pod.Exec("/usr/bin/python3", probe).StandardOutput)!;

        await redirection.InstallAsync(pod.Path, CancellationToken.None);
        var after = JsonNode.Parse(pod.Exec("/usr/bin/python3", probe).StandardOutput)!;

        Assert.Equal("not redirected", (string?)before["plain"]);
        Assert.Equal("redirected", (string?)after["plain"]);
        Assert.Equal("not redirected", (string?)after["ztunnel_marked"]);
    }

    public void Dispose() => pod.Dispose();
}

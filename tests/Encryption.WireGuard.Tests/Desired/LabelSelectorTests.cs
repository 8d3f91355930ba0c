using Encryption.WireGuard.Desired;

namespace Encryption.WireGuard.Tests.Desired;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> ControlPlane = new() { ["node-role.kubernetes.io/control-plane"] = "", ["zone"] = "a" };
    private static readonly Dictionary<string, string> Worker = new() { ["zone"] = "b" };

    [Theory]
    [InlineData("node-role.kubernetes.io/control-plane", true, false)]
    [InlineData("!node-role.kubernetes.io/control-plane", false, true)]
    [InlineData("zone=a", true, false)]
    [InlineData("zone==b", false, true)]
    [InlineData("zone!=a", false, true)]
    [InlineData("zone in (a, c)", true, false)]
    [InlineData("zone notin (a)", false, true)]
    [InlineData("zone,node-role.kubernetes.io/control-plane", true, false)]
    [InlineData("", false, false)]
    public void SelectorMatchesLikeKubernetes(string selector, bool matchesControlPlane, bool matchesWorker)
    {
        var parsed = LabelSelector.Parse(selector);
        Assert.Equal(matchesControlPlane, parsed.Matches(ControlPlane));
        Assert.Equal(matchesWorker, parsed.Matches(Worker));
    }

    [Theory]
    [InlineData("zone in a")]
    [InlineData("a b c")]
    [InlineData("zone,,x")]
    [InlineData("bad key=1")]
    public void MalformedSelectorsAreRejected(string selector) =>
        Assert.False(LabelSelector.TryParse(selector, out _, out _));
}

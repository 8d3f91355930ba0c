using Netlink.Generic;

namespace Netlink.Tests;

/// <summary>Host kernel tier: real netlink sockets in fresh network namespaces (root required).</summary>
[Trait("Tier", "Host")]
public class KernelTests
{
    private const ushort RtmGetLink = 18;
    private const ushort IflaIfname = 3;

    [Fact]
    public void SocketOpenedForANamespaceSeesThatNamespaceOnly()
    {
        using var ns = new TestNamespace();
        ns.Exec("ip", "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Route, handle);

        var names = client.Dump("dump links", (ref NetlinkWriter w) =>
        {
            var m = w.BeginMessage(RtmGetLink, NetlinkFlags.None);
            w.Reserve(16); // struct ifinfomsg
            w.End(m);
        }, message =>
        {
            var attributes = message.Attributes(16);
            while (attributes.TryRead(out var a))
            {
                if (a.Type == IflaIfname)
                    return a.GetString();
            }

            return null;
        });

        Assert.Equal(["lo", "probe0", "probe1"], names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("probe0", TestNamespace.Run("ip", "-o", "link"));
    }

    [Fact]
    public void KernelRejectionCarriesErrnoAndExtendedAckText()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Xfrm, handle);

        var error = Assert.Throws<NetlinkException>(() =>
            client.Execute("delete XFRM policy", (ref NetlinkWriter w) => KernelPolicyEncoder.Write(ref w, KernelPolicyEncoder.DelPolicy, 1)));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("delete XFRM policy: ENOENT (2)", error.Message);
    }

    [Fact]
    public void PipelinedBatchOfFiveThousandAppliesAllButTheBrokenRequest()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Xfrm, handle);
        const int count = 5000;

        var result = client.ExecuteBatch(count, (ref NetlinkWriter w, int i) =>
            KernelPolicyEncoder.Write(ref w, KernelPolicyEncoder.NewPolicy, i, prefix: i == 2500 ? (byte)33 : (byte)24), i => $"add policy {i}");

        var failure = Assert.Single(result.Failures);
        Assert.Equal(2500, failure.Index);
        Assert.Equal(Errno.EINVAL, failure.Error.Errno);
        var dumped = client.Dump<object>("dump policies", KernelPolicyEncoder.WriteDump, _ => new object());
        Assert.Equal(count - 1, dumped.Count);
        Assert.Equal(count - 1, ns.Exec("ip", "xfrm", "policy").Split('\n').Count(l => l.StartsWith("src ", StringComparison.Ordinal)));
    }

    [Fact]
    public void BatchWithEveryRequestFailingReportsEachOne()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Xfrm, handle);

        var result = client.ExecuteBatch(3000, (ref NetlinkWriter w, int i) =>
            KernelPolicyEncoder.Write(ref w, KernelPolicyEncoder.DelPolicy, i), i => $"delete policy {i}");

        Assert.Equal(3000, result.FailureCount);
        Assert.All(result.Failures, f => Assert.Equal(Errno.ENOENT, f.Error.Errno));
    }

    [Fact]
    public void ControllerFamilyResolvesToItsFixedId()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Generic, handle);

        var family = GenericNetlinkController.ResolveFamily(client, "nlctrl");

        Assert.Equal(GenericNetlinkController.ControllerId, family.Id);
        Assert.Equal("nlctrl", family.Name);
        Assert.Contains("notify", family.MulticastGroups.Keys);
    }

    [Fact]
    public void UnknownFamilyFailsWithNotFoundNamingTheFamily()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Generic, handle);

        var error = Assert.Throws<NetlinkException>(() => GenericNetlinkController.ResolveFamily(client, "no-such-family"));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("\"no-such-family\"", error.Message);
    }

    [Fact]
    public void NamespaceThatDoesNotExistIsNamedInTheError()
    {
        var error = Assert.Throws<NetlinkException>(() => NetworkNamespace.FromName("nltest-missing-namespace"));
        Assert.Contains("/run/netns/nltest-missing-namespace", error.Message);
        Assert.Equal(Errno.ENOENT, error.Errno);
    }
}

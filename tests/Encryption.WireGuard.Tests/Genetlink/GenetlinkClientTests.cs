using Encryption.WireGuard.Genetlink;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Tests.Support;
using Netlink;

namespace Encryption.WireGuard.Tests.Genetlink;

public class GenetlinkClientTests
{
    private const ushort FamilyId = 0x1b;

    [Fact]
    public void KernelWithoutWireGuardFailsFamilyLookupClearly()
    {
        var kernel = new FakeKernel(request => [KernelReplies.Error(request, Errno.ENOENT)]);
        using var netlink = new NetlinkClient(kernel);

        var error = Assert.Throws<WireGuardKernelUnavailableException>(() => GenetlinkClient.ResolveFamily(netlink));

        Assert.Contains("no \"wireguard\" generic netlink family", error.Message);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal("24000000100001000000000000000000030100000e000200776972656775617264000000", Convert.ToHexStringLower(Hex.Normalized(kernel.Requests[0], 1)));
    }

    [Fact]
    public void DeviceDumpAcrossMessagesIsMerged()
    {
        var kernel = new FakeKernel(request => [KernelReplies.Dump(request, TestData.HexLines("split.genetlink-get.hex"))]);
        using var client = new GenetlinkClient(new NetlinkClient(kernel), FamilyId);

        CanonicalDevice.AssertMatches(client.GetDevice("cilium_wg0"));

        // WG_CMD_GET_DEVICE, NLM_F_REQUEST | NLM_F_DUMP, IFNAME "cilium_wg0"
        Assert.Equal("240000001b000103000000000000000000010000" + "0f00020063696c69756d5f7767300000",
            Convert.ToHexStringLower(Hex.Normalized(kernel.Requests[0], 0x301)));
    }

    [Theory]
    [InlineData(Errno.ENODEV)]
    [InlineData(Errno.EOPNOTSUPP)]
    public void MissingOrForeignDeviceIsNotFound(int errno)
    {
        var kernel = new FakeKernel(request => [KernelReplies.Error(request, errno)]);
        using var client = new GenetlinkClient(new NetlinkClient(kernel), FamilyId);
        Assert.Throws<WireGuardDeviceNotFoundException>(() => client.GetDevice("cilium_wg0"));
    }

    [Fact]
    public void LargeSetIsSentAsSeveralAckedMessages()
    {
        var kernel = new FakeKernel(request => [KernelReplies.Error(request, 0)]);
        using var client = new GenetlinkClient(new NetlinkClient(kernel), FamilyId, SetMessagePlan.WgToolMessageBytes);
        var config = WgConfigFile.Parse(TestData.Text("large.conf"));

        client.ConfigureDevice("cilium_wg0", config);

        var expected = TestData.HexLines("large.genetlink-set.hex");
        Assert.Equal(expected.Length, kernel.Requests.Count);
        Assert.Equal(expected.Select(e => Convert.ToHexStringLower(Hex.Normalized(e, 5))), kernel.Requests.Select(r => Convert.ToHexStringLower(Hex.Normalized(r, 5))));
        Assert.Equal((expected.Length, (long)expected.Sum(e => e.Length)), client.LastRequest);
    }

    [Fact]
    public void RejectedMessageOfABatchFailsWithItsErrno()
    {
        var kernel = new FakeKernel(request => [KernelReplies.Error(request, KernelReplies.Seq(request) == 3 ? Errno.EINVAL : 0)]);
        using var client = new GenetlinkClient(new NetlinkClient(kernel), FamilyId, SetMessagePlan.WgToolMessageBytes);

        var error = Assert.Throws<WireGuardException>(() => client.ConfigureDevice("cilium_wg0", WgConfigFile.Parse(TestData.Text("large.conf"))));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains("1 of 5 messages failed", error.Message);
    }

    [Fact]
    public void OneNewPeerIsOneSmallMessage()
    {
        var kernel = new FakeKernel(request => [KernelReplies.Error(request, 0)]);
        using var client = new GenetlinkClient(new NetlinkClient(kernel), FamilyId);
        var config = new DeviceConfig
        {
            Peers = [new PeerConfig { PublicKey = CanonicalDevice.B, Endpoint = System.Net.IPEndPoint.Parse("192.168.100.2:51871"), AllowedIPs = [System.Net.IPNetwork.Parse("192.168.100.2/32")] }],
        };

        client.ConfigureDevice("cilium_wg0", config);

        Assert.Equal(1, client.LastRequest.Messages);
        Assert.True(client.LastRequest.Bytes < 160, $"{client.LastRequest.Bytes} bytes");
    }
}

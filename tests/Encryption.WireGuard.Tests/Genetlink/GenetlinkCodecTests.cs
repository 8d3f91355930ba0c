using Encryption.WireGuard.Genetlink;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Tests.Support;
using Netlink;
using System.Net;

namespace Encryption.WireGuard.Tests.Genetlink;

public class GenetlinkCodecTests
{
    private const ushort FamilyId = 0x1b;
    private const ushort RequestAck = 0x5;

    [Fact]
    public void CanonicalSetMessageIsByteForByteWhatWgAddconfSends()
    {
        var config = WgConfigFile.Parse(TestData.Text("canonical.conf"));
        var expected = TestData.HexLines("canonical.genetlink-set.hex");

        var written = Encode(config, SetMessagePlan.WgToolMessageBytes);

        Assert.Single(written);
        Assert.Equal(Convert.ToHexStringLower(Hex.Normalized(expected[0], RequestAck)), Convert.ToHexStringLower(Hex.Normalized(written[0], RequestAck)));
    }

    [Fact]
    public void LargeConfigSplitsAtTheSameBytesAsWg()
    {
        var config = WgConfigFile.Parse(TestData.Text("large.conf"));
        var expected = TestData.HexLines("large.genetlink-set.hex");

        var written = Encode(config, SetMessagePlan.WgToolMessageBytes);

        Assert.Equal(expected.Length, written.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(Convert.ToHexStringLower(Hex.Normalized(expected[i], RequestAck)), Convert.ToHexStringLower(Hex.Normalized(written[i], RequestAck)));
    }

    [Fact]
    public void SplitConfigKeepsDeviceFieldsInTheFirstMessageAndEveryPrefixExactlyOnce()
    {
        var config = WgConfigFile.Parse(TestData.Text("large.conf")) with { ReplacePeers = true };
        var plan = SetMessagePlan.Create("cilium_wg0", config, SetMessagePlan.WgToolMessageBytes);

        Assert.True(plan.Messages.Count > 1);
        var fragments = plan.Messages.SelectMany(m => m).ToList();
        for (var peer = 0; peer < config.Peers.Count; peer++)
        {
            var parts = fragments.Where(f => f.PeerIndex == peer).ToList();
            Assert.True(parts[0].First);
            Assert.All(parts.Skip(1), p => Assert.False(p.First));
            Assert.Equal(config.Peers[peer].AllowedIPs.Count, parts.Sum(p => p.EntryCount));
        }

        var written = Encode(config, SetMessagePlan.WgToolMessageBytes);
        Assert.All(written, m => Assert.True(m.Length <= SetMessagePlan.WgToolMessageBytes));
        Assert.Equal(1, written.Count(m => Convert.ToHexStringLower(m).Contains("0800050001000000", StringComparison.Ordinal)));
    }

    [Fact]
    public void SpecGoldenSetMessageEncodes()
    {
        // specs/wireguard.md §4.6 (built per the header; no private key, no peer flags).
        var config = new DeviceConfig
        {
            ListenPort = 51871,
            FirewallMark = 0x1E00,
            Peers = [new PeerConfig { PublicKey = CanonicalDevice.B, Endpoint = IPEndPoint.Parse("10.0.0.2:51871"), AllowedIPs = [IPNetwork.Parse("10.244.1.0/24")] }],
        };
        var expected =
            "94000000 1b000500 01000000 00000000 01010000 0f000200 63696c69756d5f77 67300000 06000600 9fca0000 08000700" +
            "001e0000 60000880 5c000080 24000100 d7553f9c8d957da4fd7ca4ef4fbfd1c2e2c471e09a409e9f077f512e3be30f58" +
            "14000400 0200ca9f 0a000002 0000000000000000 20000980 1c000080 06000100 02000000 08000200 0af40100 05000300 18000000";

        var written = Encode(config, SetMessagePlan.DefaultMaxMessageBytes);

        Assert.Equal(Convert.ToHexStringLower(Hex.Normalized(Hex.Bytes(expected), RequestAck)), Convert.ToHexStringLower(Hex.Normalized(written[0], RequestAck)));
    }

    [Fact]
    public void AllowedIpRemovalCarriesTheRemoveMeFlag()
    {
        var config = new DeviceConfig
        {
            Peers = [new PeerConfig { PublicKey = CanonicalDevice.B, UpdateOnly = true, RemoveAllowedIPs = [IPNetwork.Parse("10.0.0.2/32")] }],
        };

        var hex = Convert.ToHexStringLower(Encode(config, SetMessagePlan.DefaultMaxMessageBytes)[0]);

        Assert.Contains("0800030004000000", hex, StringComparison.Ordinal); // WGPEER_A_FLAGS = UPDATE_ONLY
        Assert.EndsWith("2800098024000080060001000200000008000200" + "0a00000205000300200000000800040001000000", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalGetReplyDecodesToTheCanonicalDevice()
    {
        var device = Decode(TestData.HexLines("canonical.genetlink-get.hex"));
        CanonicalDevice.AssertMatches(device);
        Assert.Equal(WireGuardTransportKind.Kernel, device.Kind);
        Assert.Equal(5, device.InterfaceIndex);
    }

    [Fact]
    public void ReplySplitAcrossMessagesMergesPeersByPublicKey()
    {
        var device = Decode(TestData.HexLines("split.genetlink-get.hex"));
        CanonicalDevice.AssertMatches(device);
    }

    [Fact]
    public void BothEncodingsOfTheCanonicalDeviceReadBackEqual()
    {
        var kernel = Decode(TestData.HexLines("canonical.genetlink-get.hex"));
        var userspace = Encryption.WireGuard.Uapi.UapiResponseParser.ParseGet("cilium_wg0", TestData.Text("canonical.uapi-get.txt"));

        Assert.Equal(kernel.Peers.ToArray(), userspace.Peers.ToArray());
        Assert.Equal((kernel.PublicKey, kernel.ListenPort, kernel.FirewallMark), (userspace.PublicKey, userspace.ListenPort, userspace.FirewallMark));
    }

    internal static List<byte[]> Encode(DeviceConfig config, int maxMessageBytes)
    {
        var plan = SetMessagePlan.Create("cilium_wg0", config, maxMessageBytes);
        var messages = new List<byte[]>();
        for (var i = 0; i < plan.Messages.Count; i++)
        {
            var buffer = new byte[maxMessageBytes];
            var writer = new NetlinkWriter(buffer);
            SetMessageWriter.Write(ref writer, FamilyId, "cilium_wg0", config, plan, i);
            messages.Add(writer.Written.ToArray());
        }

        return messages;
    }

    internal static WireGuardDevice Decode(byte[][] messages)
    {
        var dump = new DeviceDump("cilium_wg0");
        foreach (var bytes in messages)
        {
            var reader = new NetlinkMessageReader(bytes);
            Assert.True(reader.TryRead(out var message));
            dump.Add(message);
        }

        return dump.Build();
    }
}

using Encryption.WireGuard.Model;
using Encryption.WireGuard.Tests.Support;
using System.Globalization;

namespace Encryption.WireGuard.Tests.Genetlink;

/// <summary>
/// The reference tool wg(8) against our genetlink codec, through wgshim.so (the host kernel has no WireGuard): wg reads our
/// GET fixtures exactly as our parser does, and wg still sends the SET bytes the fixtures hold.
/// </summary>
[Trait("Tier", "Host")]
public sealed class WgToolCrossCheckTests(WgShim shim) : IClassFixture<WgShim>
{
    [Theory]
    [InlineData("canonical.genetlink-get.hex")]
    [InlineData("split.genetlink-get.hex")]
    public void WgReadsTheGetFixturesAsOurParserDoes(string fixture)
    {
        var (dump, _) = shim.Run(TestData.PathOf(fixture), "show", "cilium_wg0", "dump");
        var ours = GenetlinkCodecTests.Decode(TestData.HexLines(fixture));
        Assert.Equal(WgDump(ours), dump);
    }

    [Theory]
    [InlineData("canonical.conf", "canonical.genetlink-set.hex")]
    [InlineData("large.conf", "large.genetlink-set.hex")]
    public void WgStillSendsTheCommittedSetBytes(string config, string fixture)
    {
        var (_, sets) = shim.Run(null, "addconf", "cilium_wg0", TestData.PathOf(config));
        var expected = TestData.HexLines(fixture);
        Assert.Equal(expected.Select(e => Convert.ToHexStringLower(Hex.Normalized(e, 5))), sets.Select(s => Convert.ToHexStringLower(Hex.Normalized(Convert.FromHexString(s), 5))));
    }

    /// <summary><c>wg show IF dump</c>: interface line, then one tab-separated line per peer.</summary>
    private static string WgDump(WireGuardDevice device)
    {
        var lines = new List<string>
        {
            $"{device.PrivateKey!.RevealBase64()}\t{device.PublicKey}\t{device.ListenPort}\t{(device.FirewallMark == 0 ? "off" : "0x" + device.FirewallMark.ToString("x", CultureInfo.InvariantCulture))}",
        };
        foreach (var p in device.Peers)
        {
            var endpoint = p.Endpoint is null ? "(none)" : Encryption.WireGuard.Uapi.UapiRequestWriter.FormatEndpoint(p.Endpoint);
            var allowed = p.AllowedIPs.IsEmpty ? "(none)" : string.Join(',', p.AllowedIPs);
            var handshake = p.LastHandshake?.ToUnixTimeSeconds() ?? 0;
            var keepalive = p.PersistentKeepalive == TimeSpan.Zero ? "off" : ((int)p.PersistentKeepalive.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            lines.Add($"{p.PublicKey}\t{(p.HasPresharedKey ? "(hidden)" : "(none)")}\t{endpoint}\t{allowed}\t{handshake}\t{p.ReceiveBytes}\t{p.TransmitBytes}\t{keepalive}");
        }

        return string.Join('\n', lines) + "\n";
    }
}

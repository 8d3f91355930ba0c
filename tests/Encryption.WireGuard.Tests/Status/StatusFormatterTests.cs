using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Status;
using Encryption.WireGuard.Tests.Support;
using Encryption.WireGuard.Uapi;
using System.Net;

namespace Encryption.WireGuard.Tests.Status;

public class StatusFormatterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795345116 + 60);

    private static WireGuardStatusReport Canonical(NodeEncryptionState nodeEncryption = NodeEncryptionState.Enabled)
    {
        var device = UapiResponseParser.ParseGet("cilium_wg0", TestData.Text("canonical.uapi-get.txt"));
        var desired = new WireGuardDesiredState
        {
            NodeEncryption = nodeEncryption,
            Peers = [new DesiredPeer { NodeName = "node-b", PublicKey = CanonicalDevice.B, Endpoint = IPEndPoint.Parse("10.99.0.2:51871"), AllowedIPs = [IPNetwork.Parse("10.100.0.2/32")] }],
            Rejections = [new PeerRejection("node-z", "the all-zero public key is not allowed (reserved for the dummy peer)")],
        };
        return StatusBuilder.Build(device, null, desired, new WireGuardOptions(), Now, new AgentCounters(1, 0, 7, null));
    }

    [Fact]
    public void StatusLineHasCiliumsLayout()
    {
        Assert.Equal(
            "Encryption:\tWireguard\t[NodeEncryption: Enabled, cilium_wg0 (Pubkey: FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=, Port: 51871, Peers: 2)]",
            StatusFormatter.StatusLine(Canonical()));
        Assert.StartsWith("Encryption:\tWireguard\t[NodeEncryption: OptedOut, ", StatusFormatter.StatusLine(Canonical(NodeEncryptionState.OptedOut)), StringComparison.Ordinal);
    }

    [Fact]
    public void MessageReplacesTheBracket()
    {
        var report = StatusBuilder.Build(null, "no such device", null, new WireGuardOptions(), Now, new AgentCounters(0, 0, 0, null));
        Assert.Equal("Encryption:\tWireguard\tno such device", StatusFormatter.StatusLine(report));
    }

    [Fact]
    public void EncryptStatusBlockHasCiliumsLabels()
    {
        Assert.Equal(
            "Encryption: Wireguard\nInterface: cilium_wg0\n\tPublic key: FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=\n\tNumber of peers: 2\n",
            StatusFormatter.EncryptStatus(Canonical()));
    }

    [Fact]
    public void DebugInfoJsonHasCiliumsFieldsInAlphabeticalOrder()
    {
        var json = StatusFormatter.Serialize(StatusFormatter.DebugInfo(Canonical()));
        Assert.Equal(
            "{\"wireguard\":{\"interfaces\":[{\"listen-port\":51871,\"name\":\"cilium_wg0\",\"peer-count\":2,\"peers\":[" +
            "{\"allowed-ips\":[\"10.100.0.2/32\",\"fd00::2/128\",\"10.244.1.0/24\"],\"endpoint\":\"10.99.0.2:51871\"," +
            "\"last-handshake-time\":\"2026-11-22T10:58:36.661Z\",\"public-key\":\"11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g=\",\"transfer-rx\":476,\"transfer-tx\":712}," +
            "{\"allowed-ips\":[\"10.100.0.3/32\",\"fd00::3/128\"],\"endpoint\":\"[fd00::3]:51871\",\"last-handshake-time\":\"0001-01-01T00:00:00.000Z\"," +
            "\"public-key\":\"3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=\"}]," +
            "\"public-key\":\"FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=\"}]," +
            "\"node-encrypt-opt-out-labels\":\"node-role.kubernetes.io/control-plane\",\"node-encryption\":\"Enabled\"}}",
            json);
    }

    [Fact]
    public void HealthzJsonHasModeAndNullPeers()
    {
        var json = StatusFormatter.Serialize(StatusFormatter.EncryptionStatus(Canonical()));
        Assert.StartsWith("{\"mode\":\"Wireguard\",\"wireguard\":{\"interfaces\":[{\"listen-port\":51871,\"name\":\"cilium_wg0\",\"peer-count\":2,\"peers\":null,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusNeverShowsThePrivateKey()
    {
        var report = Canonical();
        var everything = StatusFormatter.StatusLine(report) + StatusFormatter.EncryptStatus(report) + StatusFormatter.DebugInfo(report).ToJsonString()
            + StatusFormatter.EncryptionStatus(report).ToJsonString() + report;
        Assert.DoesNotContain("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=", everything);
        Assert.DoesNotContain("88029667352d230d", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MetricsComeFromTheDeviceAndTheAgent()
    {
        var metrics = Canonical().Metrics;
        Assert.Equal(2, metrics.Peers);
        Assert.Equal(1, metrics.RejectedPeers);
        Assert.Equal(1, metrics.PeersWithStaleHandshake);
        Assert.Equal(476, metrics.ReceiveBytes);
        Assert.Equal(712, metrics.TransmitBytes);
        Assert.Equal(1, metrics.KeyRotations);
        Assert.Equal(0, metrics.PeersOutOfSync);
        Assert.Contains(metrics.Samples(), s => s.Name == "cilium_wireguard_transfer_bytes" && s.Labels!["direction"] == "tx" && s.Value == 712);
    }

    [Fact]
    public void RejectedPeersAreReportedAsProblems() =>
        Assert.Contains("node node-z: the all-zero public key is not allowed (reserved for the dummy peer)", Canonical().Problems);
}

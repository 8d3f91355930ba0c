using Encryption.Cli.Lab.Verify;
using System.Net;
using System.Text;

namespace Encryption.Lab.Tests.Unit;

/// <summary>What <c>lab verify</c> makes of each underlay frame.</summary>
public sealed class PacketClassifierTests
{
    private static readonly PacketClassifier Classifier = new([IPNetwork.Parse("10.1.0.0/24"), IPNetwork.Parse("10.2.0.0/24")]);

    [Fact]
    public void PingBetweenPodsIsPlaintextIcmp()
    {
        var packet = Classify(Frames.IPv4("10.1.0.10", "10.2.0.10", 1, Frames.IcmpEcho(7, 1)));

        Assert.Equal(PacketKind.Icmp, packet.Kind);
        Assert.True(packet.PodToPod);
        Assert.True(packet.Offending);
        Assert.Equal("IP 10.1.0.10 > 10.2.0.10: ICMP echo request, id 7, seq 1, length 98", packet.Description);
    }

    [Fact]
    public void TcpCarryingTheProbePayloadShowsThePayload()
    {
        var payload = Encoding.ASCII.GetBytes("xx" + PlaintextProbe.MarkerText + " " + PlaintextProbe.MarkerText);

        var packet = Classify(Frames.IPv4("10.1.0.10", "10.2.0.10", 6, Frames.Tcp(40000, 5001, 0x18, payload)));

        Assert.Equal(PacketKind.Tcp, packet.Kind);
        Assert.True(packet.Offending);
        Assert.StartsWith(PlaintextProbe.MarkerText + " ", packet.VisiblePayload);
        Assert.Contains("10.1.0.10.40000 > 10.2.0.10.5001: TCP [P.]", packet.Description);
    }

    [Fact]
    public void EspBetweenNodesIsEncryptedAndNotOffending()
    {
        var packet = Classify(Frames.IPv4("192.168.100.1", "192.168.100.2", 50, Frames.Esp(3, 0x1e3)));

        Assert.Equal(PacketKind.Esp, packet.Kind);
        Assert.False(packet.Offending);
        Assert.Contains("ESP(spi=0x00000003,seq=0x1e3)", packet.Description);
    }

    [Theory]
    [InlineData(51871, 51871)]
    [InlineData(40000, 51871)]
    public void UdpOnTheWireGuardPortIsTheWireGuardEnvelope(int sourcePort, int destinationPort)
    {
        var packet = Classify(Frames.IPv4("192.168.100.1", "192.168.100.2", 17, Frames.Udp((ushort)sourcePort, (ushort)destinationPort)));

        Assert.Equal(PacketKind.UdpWireGuard, packet.Kind);
        Assert.False(packet.Offending);
    }

    [Fact]
    public void HboneBetweenPodsIsEncryptedEvenWithPodAddresses()
    {
        var packet = Classify(Frames.IPv4("10.1.0.10", "10.2.0.10", 6, Frames.Tcp(41000, 15008, 0x10)));

        Assert.Equal(PacketKind.TcpHbone, packet.Kind);
        Assert.True(packet.PodToPod);
        Assert.False(packet.Offending);
    }

    [Fact]
    public void OtherUdpBetweenPodsIsPlaintext()
    {
        var packet = Classify(Frames.IPv4("10.1.0.10", "10.2.0.10", 17, Frames.Udp(5353, 53)));

        Assert.Equal(PacketKind.Other, packet.Kind);
        Assert.True(packet.Offending);
    }

    [Fact]
    public void TrafficBetweenNodeAddressesIsCountedButNotOffending()
    {
        var packet = Classify(Frames.IPv4("192.168.100.1", "192.168.100.2", 6, Frames.Tcp(9962, 40000, 0x10)));

        Assert.Equal(PacketKind.Tcp, packet.Kind);
        Assert.False(packet.Offending);
    }

    [Fact]
    public void ArpIsOther()
    {
        var packet = Classify(Frames.Arp("192.168.100.1", "192.168.100.2"));

        Assert.Equal(PacketKind.Other, packet.Kind);
        Assert.False(packet.Offending);
        Assert.StartsWith("ARP, Request who-has 192.168.100.2 tell 192.168.100.1", packet.Description);
    }

    [Fact]
    public void NeighbourDiscoveryIsOtherAndEchoV6IsIcmp()
    {
        var solicitation = Classify(Frames.IPv6("fd00:100::1", "ff02::1:ff00:2", 58, [135, 0, 0, 0, 0, 0, 0, 0]));
        var echo = Classify(Frames.IPv6("fd00:100::1", "fd00:100::2", 58, Frames.IcmpEcho(1, 1, type: 128)));

        Assert.Equal(PacketKind.Other, solicitation.Kind);
        Assert.Equal(PacketKind.Icmp, echo.Kind);
        Assert.False(echo.Offending);
    }

    [Fact]
    public void TheSummaryCountsKindsAndKeepsTheFirstOffendingPacket()
    {
        var packets = new[]
        {
            Classify(Frames.Arp("192.168.100.1", "192.168.100.2"), 1),
            Classify(Frames.IPv4("192.168.100.1", "192.168.100.2", 50, Frames.Esp(3, 1)), 2),
            Classify(Frames.IPv4("10.1.0.10", "10.2.0.10", 1, Frames.IcmpEcho(1, 1)), 3),
            Classify(Frames.IPv4("10.2.0.10", "10.1.0.10", 1, Frames.IcmpEcho(1, 1, type: 0)), 4),
        };

        var summary = CaptureSummary.From(packets);

        Assert.Equal(4, summary.Total);
        Assert.Equal(2, summary.Count(PacketKind.Icmp));
        Assert.Equal(1, summary.Count(PacketKind.Esp));
        Assert.Equal(1, summary.Count(PacketKind.Other));
        Assert.True(summary.PlaintextSeen);
        Assert.Equal(2, summary.Offending);
        Assert.Equal(3, summary.FirstOffending!.Number);
    }

    private static ClassifiedPacket Classify(byte[] frame, int number = 1) =>
        Classifier.Classify(new CapturedFrame(number, DateTimeOffset.UnixEpoch, frame.Length, frame), DateTimeOffset.UnixEpoch);
}

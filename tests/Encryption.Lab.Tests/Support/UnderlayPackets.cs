using System.Text.RegularExpressions;

namespace Encryption.Lab.Tests.Support;

/// <summary>What the IPsec lab tests look for in an underlay capture (<c>UnderlayCapture</c> lines, IPv4 only).</summary>
internal static partial class UnderlayPackets
{
    /// <summary>tcpdump's filter for these tests: IPv4 only.</summary>
    public const string IPv4 = "ip";

    /// <summary>Packets whose outer header is between pod addresses (10.x): pod traffic in the clear.</summary>
    public static IReadOnlyList<string> Plaintext(IEnumerable<string> packets) => [.. packets.Where(p => PodToPod().IsMatch(p))];

    /// <summary>ESP between two lab nodes: <c>IP 192.168.100.1 &gt; 192.168.100.2: ESP(spi=0x...,seq=0x...), length N</c>.</summary>
    public static IReadOnlyList<string> Esp(IEnumerable<string> packets) => [.. packets.Where(p => NodeEsp().IsMatch(p))];

    [GeneratedRegex(@" IP 10\.\d+\.\d+\.\d+(\.\d+)? > 10\.\d+\.\d+\.\d+(\.\d+)?: ")]
    private static partial Regex PodToPod();

    [GeneratedRegex(@" IP 192\.168\.100\.\d+ > 192\.168\.100\.\d+: ESP\(spi=0x[0-9a-f]+,seq=0x[0-9a-f]+\)")]
    private static partial Regex NodeEsp();
}

using Encryption.Cli.Lab;
using Encryption.Cli.Lab.Verify;
using System.Collections.Immutable;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The verdict of <c>lab verify</c> for each backend: plaintext is required with none, forbidden otherwise.</summary>
public sealed class VerifyVerdictTests
{
    private static readonly LabTopology Topology = LabTopology.Create(new LabNames("t"), 2, 1);

    [Fact]
    public void BackendNoneWithPlaintextPassesAsTheControlCase()
    {
        var verdict = VerifyVerdict.Decide("none", Capture(icmp: 6, offending: 6), Probes(ok: true));

        Assert.True(verdict.Passed);
        Assert.Equal(0, verdict.ExitCode);
        Assert.StartsWith("OK: expected for backend none", verdict.Explanation);
    }

    [Fact]
    public void BackendNoneWithoutPlaintextFailsBecauseTheCaptureCannotBeTrusted()
    {
        var verdict = VerifyVerdict.Decide("none", Capture(), Probes(ok: true));

        Assert.False(verdict.Passed);
        Assert.Equal(1, verdict.ExitCode);
    }

    [Theory]
    [InlineData("ipsec")]
    [InlineData("wireguard")]
    public void AnEncryptingBackendWithPlaintextFails(string backend)
    {
        var verdict = VerifyVerdict.Decide(backend, Capture(esp: 10, udp51871: 10, hbone: 10, icmp: 1, offending: 1), Probes(ok: true));

        Assert.False(verdict.Passed);
        Assert.Contains("plaintext pod-to-pod traffic crossed the underlay", verdict.Explanation);
    }

    [Fact]
    public void ZtunnelWithPlaintextTcpFails()
    {
        var verdict = VerifyVerdict.Decide("ztunnel", Capture(hbone: 10, offending: 1) with { OffendingTcp = 1 }, Probes(ok: true));

        Assert.False(verdict.Passed);
        Assert.Contains("plaintext pod-to-pod TCP traffic crossed the underlay", verdict.Explanation);
    }

    [Fact]
    public void ZtunnelDoesNotJudgeTheIcmpItNeverCarries()
    {
        var verdict = VerifyVerdict.Decide("ztunnel", Capture(hbone: 30, icmp: 6, offending: 6), Probes(ok: true));

        Assert.True(verdict.Passed);
        Assert.StartsWith("OK: pod TCP crossed the underlay only inside TCP 15008 (30 packets)", verdict.Explanation);
    }

    [Fact]
    public void IPsecWithOnlyEspPasses()
    {
        var verdict = VerifyVerdict.Decide("ipsec", Capture(esp: 40), Probes(ok: true));

        Assert.True(verdict.Passed);
        Assert.Contains("only inside ESP (40 packets)", verdict.Explanation);
    }

    [Fact]
    public void AnEncryptingBackendWhoseEnvelopeNeverShowsUpFails()
    {
        var verdict = VerifyVerdict.Decide("wireguard", Capture(esp: 40), Probes(ok: true));

        Assert.False(verdict.Passed);
        Assert.Contains("no UDP 51871 packets", verdict.Explanation);
    }

    [Fact]
    public void FailedTrafficBetweenPodsFailsWhateverTheCaptureShows()
    {
        var verdict = VerifyVerdict.Decide("none", Capture(icmp: 6, offending: 6), Probes(ok: false));

        Assert.False(verdict.Passed);
        Assert.Contains("node1-pod1 -> node2-pod1", verdict.Explanation);
    }

    [Fact]
    public void ZtunnelWithoutAProxyPassesOnTheControlPlaneAndSaysTheDataPathWasNotExercised()
    {
        var verdict = VerifyVerdict.DecideControlPlane(Capture(icmp: 6, offending: 6), FailClosed(), [], enrolled: true);

        Assert.True(verdict.Passed);
        Assert.Contains("encrypted data path: not exercised (no ztunnel proxy on PATH)", verdict.Explanation);
        Assert.DoesNotContain("only inside", verdict.Explanation);
    }

    [Fact]
    public void ZtunnelWithoutAProxyFailsWhenAControlPlaneCheckFails()
    {
        var verdict = VerifyVerdict.DecideControlPlane(Capture(icmp: 6), FailClosed(), ["node2 agent: namespace default not enrolled"], enrolled: true);

        Assert.False(verdict.Passed);
        Assert.Contains("namespace default not enrolled", verdict.Explanation);
        Assert.Contains("not exercised", verdict.Explanation);
    }

    [Fact]
    public void EnrolledPodsWhosePlaintextTcpCrossesTheUnderlayFailBecauseTheRedirectionIsNotInEffect()
    {
        var verdict = VerifyVerdict.DecideControlPlane(Capture(icmp: 6, offending: 8) with { OffendingTcp = 2 }, FailClosed(), [], enrolled: true);

        Assert.False(verdict.Passed);
        Assert.Contains("2 plaintext TCP packets between enrolled pods", verdict.Explanation);
    }

    [Fact]
    public void EnrolledPodsWhoseTcpWorksWithNoProxyFail()
    {
        var verdict = VerifyVerdict.DecideControlPlane(Capture(icmp: 6), Probes(ok: true), [], enrolled: true);

        Assert.False(verdict.Passed);
        Assert.Contains("TCP between enrolled pods worked with no proxy", verdict.Explanation);
    }

    [Fact]
    public void PodsNoLongerEnrolledTalkPlaintextTcpAgain()
    {
        Assert.True(VerifyVerdict.DecideControlPlane(Capture(icmp: 6, offending: 20) with { OffendingTcp = 14 }, Probes(ok: true), [], enrolled: false).Passed);
        Assert.False(VerifyVerdict.DecideControlPlane(Capture(icmp: 6), FailClosed(), [], enrolled: false).Passed);
    }

    private static IReadOnlyList<ProbeResult> FailClosed()
    {
        var (from, to) = LabVerify.Pairs(Topology).Single();
        return [new ProbeResult(from, to, true, "3 received", false, "Connection refused")];
    }

    private static CaptureSummary Capture(int icmp = 0, int esp = 0, int udp51871 = 0, int hbone = 0, int offending = 0)
    {
        var counts = PacketKinds.All.ToImmutableSortedDictionary(k => k, k => k switch
        {
            PacketKind.Icmp => icmp,
            PacketKind.Esp => esp,
            PacketKind.UdpWireGuard => udp51871,
            PacketKind.TcpHbone => hbone,
            _ => 0,
        });
        var first = offending > 0 ? new ClassifiedPacket(1, TimeSpan.Zero, PacketKind.Icmp, "IP 10.1.0.10 > 10.2.0.10: ICMP echo request", true, null) : null;
        return new CaptureSummary(counts.Values.Sum(), counts, offending, 0, first, null);
    }

    private static IReadOnlyList<ProbeResult> Probes(bool ok)
    {
        var (from, to) = LabVerify.Pairs(Topology).Single();
        return [new ProbeResult(from, to, ok, "3 received", ok, ok ? "262144 bytes" : "timed out")];
    }
}

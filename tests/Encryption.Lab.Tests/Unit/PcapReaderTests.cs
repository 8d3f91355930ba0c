using Encryption.Cli.Lab.Verify;

namespace Encryption.Lab.Tests.Unit;

/// <summary>Reading what <c>tcpdump -w</c> writes.</summary>
public sealed class PcapReaderTests
{
    private static readonly byte[][] TwoFrames = [Frames.Arp("192.168.100.1", "192.168.100.2"), Frames.IPv4("10.1.0.10", "10.2.0.10", 1, Frames.IcmpEcho(1, 1))];

    [Theory]
    [InlineData(0xa1b2c3d4u, false)]
    [InlineData(0xa1b2c3d4u, true)]
    [InlineData(0xa1b23c4du, false)]
    [InlineData(0xa1b23c4du, true)]
    public void FramesAreReadInEitherByteOrderAndTimestampResolution(uint magic, bool bigEndian)
    {
        var frames = PcapReader.Read(Frames.Pcap(TwoFrames, magic, bigEndian));

        Assert.Equal(2, frames.Count);
        Assert.Equal([1, 2], frames.Select(f => f.Number));
        Assert.Equal(TwoFrames[1], frames[1].Data);
        Assert.Equal(TimeSpan.FromSeconds(1), frames[1].Time - frames[0].Time);
    }

    [Fact]
    public void AFrameCutShortAtTheEndOfTheFileIsLeftOut()
    {
        var file = Frames.Pcap(TwoFrames);

        var frames = PcapReader.Read(file.AsSpan(0, file.Length - 10));

        Assert.Single(frames);
    }

    [Fact]
    public void ALinkTypeOtherThanEthernetIsRefused()
    {
        var error = Assert.Throws<FormatException>(() => PcapReader.Read(Frames.Pcap(TwoFrames, linkType: 113)));

        Assert.Contains("link type 113", error.Message);
    }

    [Fact]
    public void AFileThatIsNotPcapIsRefused()
    {
        Assert.Throws<FormatException>(() => PcapReader.Read(new byte[32]));
    }
}

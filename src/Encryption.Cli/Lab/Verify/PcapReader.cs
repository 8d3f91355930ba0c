using System.Buffers.Binary;

namespace Encryption.Cli.Lab.Verify;

/// <summary>One captured frame: its number (1-based, as tcpdump counts), capture time and bytes.</summary>
internal sealed record CapturedFrame(int Number, DateTimeOffset Time, int OriginalLength, byte[] Data);

/// <summary>
/// Reads a classic pcap file (what <c>tcpdump -w</c> writes): a 24-byte global header (magic 0xa1b2c3d4 for
/// microseconds or 0xa1b23c4d for nanoseconds, in either byte order; link type at offset 20), then per frame a
/// 16-byte record header (seconds, fraction, captured length, original length) and the frame.
/// </summary>
internal static class PcapReader
{
    public const uint LinkTypeEthernet = 1;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    public static IReadOnlyList<CapturedFrame> Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < GlobalHeaderLength)
            throw new FormatException($"pcap file too short ({file.Length} bytes)");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var (bigEndian, nanoseconds) = magic switch
        {
            0xa1b2c3d4 => (false, false),
            0xa1b23c4d => (false, true),
            0xd4c3b2a1 => (true, false),
            0x4d3cb2a1 => (true, true),
            _ => throw new FormatException($"not a pcap file (magic 0x{magic:x8})"),
        };
        var linkType = ReadUInt32(file[20..], bigEndian) & 0x0fffffff;
        if (linkType != LinkTypeEthernet)
            throw new FormatException($"pcap link type {linkType} is not Ethernet (1)");

        var frames = new List<CapturedFrame>();
        var offset = GlobalHeaderLength;
        while (offset + RecordHeaderLength <= file.Length)
        {
            var header = file.Slice(offset, RecordHeaderLength);
            var seconds = ReadUInt32(header, bigEndian);
            var fraction = ReadUInt32(header[4..], bigEndian);
            var captured = (int)ReadUInt32(header[8..], bigEndian);
            var original = (int)ReadUInt32(header[12..], bigEndian);
            offset += RecordHeaderLength;
            if (captured < 0 || offset + captured > file.Length)
                break; // a frame cut short by the end of the capture
            var ticks = nanoseconds ? fraction / 100 : fraction * 10L;
            var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
            frames.Add(new CapturedFrame(frames.Count + 1, time, original, file.Slice(offset, captured).ToArray()));
            offset += captured;
        }

        return frames;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}

using System.Buffers;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Protos.Zds;

namespace Encryption.Ztunnel.Tests;

public sealed class GrpcCodecTests
{
    [Theory]
    [InlineData("no endpoints found", "no endpoints found")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("café", "caf%C3%A9")]
    public void GrpcMessageIsPercentEncodedAndDecodesBack(string message, string encoded)
    {
        Assert.Equal(encoded, GrpcPercentEncoding.Encode(message));
        Assert.Equal(message, GrpcPercentEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("10S", 10_000)]
    [InlineData("250m", 250)]
    [InlineData("1H", 3_600_000)]
    [InlineData("5000000u", 5_000)]
    public void GrpcTimeoutParsesEveryUnit(string header, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(milliseconds, timeout.TotalMilliseconds);
    }

    [Theory]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("S")]
    public void MalformedGrpcTimeoutIsIgnored(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void MessageIsFramedWithFlagAndBigEndianLength()
    {
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, new Ack { Error = "x" });

        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 0x0A, 0x01, (byte)'x' }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void SplitMessageIsReassembledAndOversizeRefused()
    {
        var framed = new byte[] { 0, 0, 0, 0, 3, 0x0A, 0x01, (byte)'x' };
        var partial = new ReadOnlySequence<byte>(framed[..6]);
        Assert.False(GrpcFraming.TryParse(ref partial, Ack.Parser, 1024, out _));
        var whole = new ReadOnlySequence<byte>(framed);
        Assert.True(GrpcFraming.TryParse(ref whole, Ack.Parser, 1024, out var ack));
        Assert.Equal("x", ack!.Error);
        Assert.True(whole.IsEmpty);

        var big = new ReadOnlySequence<byte>(new byte[] { 0, 0, 1, 0, 0 });
        var e = Assert.Throws<GrpcStatusException>(() => GrpcFraming.TryParse(ref big, Ack.Parser, 1024, out _));
        Assert.Equal(GrpcStatusCode.ResourceExhausted, e.Code);
    }

    [Fact]
    public void CompressedMessageIsUnimplemented()
    {
        var compressed = new ReadOnlySequence<byte>(new byte[] { 1, 0, 0, 0, 0 });

        var e = Assert.Throws<GrpcStatusException>(() => GrpcFraming.TryParse(ref compressed, Ack.Parser, 1024, out _));

        Assert.Equal(GrpcStatusCode.Unimplemented, e.Code);
    }
}

namespace Netlink.Tests;

public class NetlinkReaderTests
{
    [Fact]
    public void AttributesAreReadBackWithTypesFlagsAndPayloads()
    {
        var bytes = Hex.Parse("05000100 ab000000 14000280 08000300 04030201 07000400 61620000");
        var reader = new NetlinkAttributeReader(bytes);

        Assert.True(reader.TryRead(out var first));
        Assert.Equal(1, first.Type);
        Assert.Equal(0xab, first.GetU8());

        Assert.True(reader.TryRead(out var nested));
        Assert.Equal(2, nested.Type);
        Assert.True(nested.IsNested);
        var inner = nested.GetNested();
        Assert.True(inner.TryRead(out var number));
        Assert.Equal(0x01020304u, number.GetU32());
        Assert.True(inner.TryRead(out var text));
        Assert.Equal("ab", text.GetString());
        Assert.False(inner.TryRead(out _));

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void AttributeClaimingMoreBytesThanRemainIsRejected()
    {
        var bytes = Hex.Parse("10000100 ab000000");
        var error = Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkAttributeReader(bytes);
            reader.TryRead(out _);
        });
        Assert.Contains("claims 16 bytes but 8 remain", error.Message);
    }

    [Fact]
    public void AttributeShorterThanItsHeaderIsRejected()
    {
        var bytes = Hex.Parse("02000100 00000000");
        Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkAttributeReader(bytes);
            reader.TryRead(out _);
        });
    }

    [Fact]
    public void FixedSizeGetterRefusesShortPayload()
    {
        var bytes = Hex.Parse("06000100 abcd0000");
        var error = Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkAttributeReader(bytes);
            reader.TryRead(out var a);
            a.GetU32();
        });
        Assert.Contains("needs 4 payload bytes, has 2", error.Message);
    }

    [Fact]
    public void MessageLengthBeyondTheDatagramIsRejected()
    {
        var bytes = Hex.Parse("40000000 10000000 00000000 00000000");
        Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkMessageReader(bytes);
            reader.TryRead(out _);
        });
    }

    [Fact]
    public void SeveralMessagesInOneDatagramAreAllRead()
    {
        var bytes = Hex.Parse(
            "18000000 10000200 07000000 00000000 08000100 01000000" +
            "14000000 03000200 07000000 00000000 00000000");
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var data));
        Assert.Equal(0x10, data.Header.Type);
        Assert.Equal(7u, data.Header.Sequence);
        Assert.True(reader.TryRead(out var done));
        Assert.Equal(NetlinkMessageType.Done, done.Header.Type);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void ExtendedAckTextAndOffsetAreDecodedFromAnError()
    {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -22, echoed header, then MSG "Invalid AEAD" and OFFS 40.
        var bytes = Hex.Parse(
            "3c000000 02000003 05000000 00000000" +
            "eaffffff 08010000 10000506 05000000 00000000" +
            "11000100 496e76616c696420414541440000 0000" +
            "08000200 28000000");
        // fix the length: header(16)+err(4)+hdr(16)+msg attr(20 padded)+offs(8) = 64
        bytes[0] = 64;
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));
        var error = NetlinkErrorMessage.Parse(message);
        Assert.Equal(22, error.Errno);
        Assert.Equal("Invalid AEAD", error.Message);
        Assert.Equal(40u, error.Offset);
        var exception = error.ToException("add XFRM state");
        Assert.Equal("add XFRM state: EINVAL (22): invalid argument; kernel says \"Invalid AEAD\" (at byte 40 of the request)", exception.Message);
    }
}

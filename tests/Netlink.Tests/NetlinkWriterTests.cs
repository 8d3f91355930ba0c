namespace Netlink.Tests;

public class NetlinkWriterTests
{
    [Fact]
    public void MessageWithNestedAttributesIsPaddedAndLengthsAreBackfilled()
    {
        var buffer = new byte[128];
        var w = new NetlinkWriter(buffer);
        var m = w.BeginMessage(0x1234, NetlinkFlags.Request);
        w.WriteU8(1, 0xab);
        var nest = w.BeginNested(2);
        w.WriteU32(3, 0x01020304);
        w.WriteString(4, "ab");
        w.End(nest);
        w.End(m);

        Assert.Equal(
            "2c000000 34120100 00000000 00000000" +
            " 05000100 ab000000" +
            " 14000280 08000300 04030201 07000400 61620000",
            Hex.Groups(w.Written));
    }

    [Fact]
    public void ReserveZeroesReusedBufferBytes()
    {
        var buffer = Enumerable.Repeat((byte)0xff, 16).ToArray();
        var w = new NetlinkWriter(buffer);
        w.Reserve(3);
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, buffer[..4]);
        Assert.Equal(4, w.Position);
    }

    [Fact]
    public void WritingPastTheBufferFailsWithoutCorruptingIt()
    {
        var buffer = new byte[20];
        var w = new NetlinkWriter(buffer);
        w.BeginMessage(0x10, NetlinkFlags.None);
        var position = w.Position;
        try
        {
            w.WriteU64(1, 42);
            Assert.Fail("expected the write to be refused");
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("does not fit", e.Message);
        }

        Assert.Equal(16, position);
    }
}
